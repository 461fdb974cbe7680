import { isAbsolute, join } from 'node:path';
import type { BuildContext } from '@mmpt/registry';
import { BaseDataset, type BaseDatasetOptions, type DataInfo } from '../base-dataset';
import { DatasetError } from '../dataset-error';
import { readJsonAnnotation } from '../formats/json-annotation';

/**
 * Checks the labels of a multi-label sample: a list of distinct integers in `[0, classCount - 1]`
 * (the range is checked only when the classes are known). `where` names the file and the sample.
 */
export function checkMultiLabel(label: unknown, classCount: number | undefined, where: string, file: string): number[] {
  const labels = typeof label === 'number' ? [label] : label;
  if (!Array.isArray(labels) || labels.some((item) => typeof item !== 'number' || !Number.isInteger(item))) {
    throw new DatasetError(`${where}: gt_label must be a list of integer class indices, got ${JSON.stringify(label)}`, file);
  }
  for (const item of labels as number[]) {
    if (item < 0 || (classCount !== undefined && item >= classCount)) {
      const range = classCount === undefined ? 'negative' : `outside [0, ${classCount - 1}] (${classCount} classes)`;
      throw new DatasetError(`${where}: label ${item} is ${range}`, file);
    }
  }
  return labels as number[];
}

/**
 * MMPretrain's `MultiLabelDataset`: MMEngine's JSON annotation file,
 * `{ "metainfo": { "classes": [...] }, "data_list": [{ "img_path": "a.jpg", "gt_label": [0, 3] }, ...] }`,
 * with `img_path` relative to the image prefix (absolute paths kept). The classes of the config
 * take precedence over the file's. `getCatIds` gives every label of a sample.
 *
 * @example
 * { type: 'MultiLabelDataset', data_root: 'data/tags', ann_file: 'train.json', data_prefix: 'images' }
 */
export class MultiLabelDataset extends BaseDataset {
  constructor(options: BaseDatasetOptions = {}, context?: BuildContext) {
    super({ ...options, lazy_init: true }, context);
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  protected loadDataList(): DataInfo[] {
    const file = this.annFile;
    if (!file) throw new DatasetError(`${this.constructor.name}: ann_file is required (MMEngine's JSON annotation with "metainfo" and "data_list")`);
    const { metainfo, dataList } = readJsonAnnotation(file);
    if (dataList.length === 0) throw new DatasetError(`The annotation file ${file} lists no sample (empty "data_list")`, file);
    const current = this.metainfo;
    for (const [key, value] of Object.entries(metainfo)) if (current[key] === undefined) this.setMetainfo(key, value);
    const classCount = this.classes?.length;
    return dataList.map((raw, index) => {
      const info: DataInfo = { ...raw };
      const where = `${file}, data_list[${index}]`;
      if (raw.img_path !== undefined) {
        if (typeof raw.img_path !== 'string') throw new DatasetError(`${where}: img_path must be a string`, file);
        info.img_path = isAbsolute(raw.img_path) || !this.dataPrefix ? raw.img_path : join(this.dataPrefix, raw.img_path);
      }
      if (raw.gt_label !== undefined) info.gt_label = checkMultiLabel(raw.gt_label, classCount, where, file);
      return info;
    });
  }
}
