import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from '@mmpt/registry';
import type { BaseDatasetOptions, DataInfo } from '../base-dataset';
import { DatasetError } from '../dataset-error';
import { XmlSyntaxError, childElement, parseXml } from '../formats/xml-elements';
import { type DataPrefix, joinDataRoot } from '../paths';
import { VOC2007_CATEGORIES } from './categories';
import { MultiLabelDataset } from './multi-label';

/** The options of {@link VOC}, as MMPretrain's. */
export interface VocOptions extends Omit<BaseDatasetOptions, 'ann_file'> {
  /** `'train'`, `'val'`, `'trainval'` (default) or `'test'`. */
  split?: '' | 'train' | 'val' | 'trainval' | 'test';
  /** The file listing the image ids, relative to `data_root`; `ImageSets/Main/<split>.txt` by default. */
  image_set_path?: string;
  /** `{ img_path: 'JPEGImages', ann_path: 'Annotations' }` by default, relative to `data_root`. */
  data_prefix?: DataPrefix;
}

const SPLITS = ['train', 'val', 'trainval', 'test'];

/**
 * MMPretrain's `VOC` (PASCAL VOC as a multi-label classification dataset): the image ids of
 * `ImageSets/Main/<split>.txt`, each image `JPEGImages/<id>.jpg` and its labels from
 * `Annotations/<id>.xml`: every `<object>` whose `<name>` is a known class gives its label, to
 * `gt_label` or, when `<difficult>` is 1, to `gt_label_difficult` (metrics usually count difficult
 * labels as negatives). Objects of unknown classes are skipped, as MMPretrain does. Without
 * `ann_path` (allowed for `val`/`test` in test mode) samples have no labels.
 *
 * @example
 * { type: 'VOC', data_root: 'data/VOC2007', split: 'trainval', pipeline: [...] }
 */
export class VOC extends MultiLabelDataset {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: VOC2007_CATEGORIES };
  readonly split: string;
  /** The file of image ids. */
  readonly imageSetPath: string;
  /** The folder of the XML annotations, when labels are loaded. */
  readonly annotationPrefix: string | undefined;

  constructor(options: VocOptions = {}, context?: BuildContext) {
    const split = options.split ?? 'trainval';
    if (split && !SPLITS.includes(split)) throw new DatasetError(`${new.target.name}: split must be one of ${SPLITS.join(', ')}, got "${split}"`);
    let prefix = options.data_prefix ?? (split ? { img_path: 'JPEGImages', ann_path: 'Annotations' } : undefined);
    if (typeof prefix === 'string') prefix = { img_path: prefix };
    if (!prefix?.img_path) throw new DatasetError(`${new.target.name}: data_prefix must give img_path (and ann_path for labels)`);
    const testMode = options.test_mode ?? false;
    if (!prefix.ann_path && ((split && split !== 'val' && split !== 'test') || !testMode)) {
      throw new DatasetError(`${new.target.name}: data_prefix.ann_path must be set unless a val or test split is loaded in test mode`);
    }
    const imageSetPath = options.image_set_path || (split ? join('ImageSets', 'Main', `${split}.txt`) : '');
    if (!imageSetPath) throw new DatasetError(`${new.target.name}: set split or image_set_path`);
    super({ ...options, data_prefix: prefix, lazy_init: true }, context);
    this.split = split;
    this.imageSetPath = joinDataRoot(options.data_root, imageSetPath);
    this.annotationPrefix = prefix.ann_path ? joinDataRoot(options.data_root, prefix.ann_path) : undefined;
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  protected override loadDataList(): DataInfo[] {
    const file = this.imageSetPath;
    if (!existsSync(file)) throw new DatasetError(`The image set file ${file} does not exist`, file);
    const samples: DataInfo[] = [];
    for (const [index, raw] of readFileSync(file, 'utf8').split(/\r?\n/).entries()) {
      const id = raw.trim();
      if (id === '') continue;
      if (/\s/.test(id)) throw new DatasetError(`${file}, line ${index + 1}: expected one image id per line, got "${id}"`, file, index + 1);
      const info: DataInfo = { img_path: join(this.dataPrefix, `${id}.jpg`) };
      if (this.annotationPrefix) Object.assign(info, this.labelsOf(id));
      samples.push(info);
    }
    if (samples.length === 0) throw new DatasetError(`The image set file ${file} lists no image`, file);
    return samples;
  }

  /** The labels and the difficult labels of an image, from its XML annotation (sorted). */
  private labelsOf(id: string): { gt_label: number[]; gt_label_difficult: number[] } {
    const file = join(this.annotationPrefix as string, `${id}.xml`);
    if (!existsSync(file)) throw new DatasetError(`The annotation ${file} of image ${id} does not exist`, file);
    let root: ReturnType<typeof parseXml>;
    try {
      root = parseXml(readFileSync(file, 'utf8'));
    } catch (error) {
      const line = error instanceof XmlSyntaxError ? error.line : undefined;
      throw new DatasetError(`${file}${line ? `, line ${line}` : ''}: ${(error as Error).message}`, file, line);
    }
    const classToIdx = this.classToIdx;
    const labels = new Set<number>();
    const difficult = new Set<number>();
    for (const object of root.children.filter((child) => child.name === 'object')) {
      const name = childElement(object, 'name')?.text.trim();
      if (name === undefined) throw new DatasetError(`${file}: an <object> has no <name>`, file);
      const label = Object.hasOwn(classToIdx, name) ? classToIdx[name] : undefined;
      if (label === undefined) continue;
      const flag = childElement(object, 'difficult')?.text.trim() ?? '0';
      if (!/^\d+$/.test(flag)) throw new DatasetError(`${file}: the <difficult> of a "${name}" object is "${flag}", not an integer`, file);
      (Number(flag) ? difficult : labels).add(label);
    }
    const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
    return { gt_label: sorted(labels), gt_label_difficult: sorted(difficult) };
  }
}
