import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from '@mmpt/registry';
import { CustomDataset, type CustomDatasetOptions } from '../custom-dataset';
import { DatasetError } from '../dataset-error';
import { imagePrefix, joinDataRoot } from '../paths';
import { IMAGENET_CATEGORIES } from './imagenet-categories';

/** The options of {@link ImageNet}, as MMPretrain's. */
export interface ImageNetOptions extends CustomDatasetOptions {
  /**
   * `'train'`, `'val'` or `'test'`: the image folder defaults to the split's name, the annotation
   * file to `meta/<split>.txt` when it exists (the sub-folder format otherwise), and `test` loads
   * no labels (the ImageNet test set has none).
   */
  split?: '' | 'train' | 'val' | 'test';
}

/**
 * MMPretrain's `ImageNet`: a CustomDataset with the 1000 ImageNet-1k classes, laid out as the
 * guide describes: `data_root/train/<wnid>/*.JPEG` (sub-folder format, class index = the position
 * of the sorted folder) or `data_root/meta/{train,val,test}.txt` with `path label` lines relative to
 * `data_root/<split>` (annotation format).
 *
 * @example
 * { type: 'ImageNet', data_root: 'data/imagenet', split: 'val', pipeline: [...] }
 */
export class ImageNet extends CustomDataset {
  static override readonly defaultMetainfo: Readonly<Record<string, unknown>> = { classes: IMAGENET_CATEGORIES };
  readonly split: string;

  constructor(options: ImageNetOptions = {}, context?: BuildContext) {
    const split = options.split ?? '';
    const resolved: CustomDatasetOptions = { ...options };
    if (split) {
      if (!['train', 'val', 'test'].includes(split)) throw new DatasetError(`${new.target.name}: split must be "train", "val" or "test", got "${split}"`);
      if (split === 'test') resolved.with_label = false;
      if (!imagePrefix(options.data_prefix)) resolved.data_prefix = split;
      if (!options.ann_file) {
        const annotation = join('meta', `${split}.txt`);
        if (existsSync(joinDataRoot(options.data_root, annotation))) resolved.ann_file = annotation;
      }
    }
    super(resolved, context);
    this.split = split;
  }
}
