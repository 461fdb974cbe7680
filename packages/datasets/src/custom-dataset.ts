import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { BuildContext } from '@mmpt/registry';
import { BaseDataset, type BaseDatasetOptions, type DataInfo } from './base-dataset';
import { DatasetError } from './dataset-error';
import { listFiles, listFolders } from './list-files';

/** The image extensions CustomDataset accepts by default, as MMPretrain's. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif'] as const;

/** The options of {@link CustomDataset}, as MMPretrain's. */
export interface CustomDatasetOptions extends BaseDatasetOptions {
  /** Whether samples have labels (false for self-supervised data). */
  with_label?: boolean;
  /** File extensions to load in the sub-folder format (case-insensitive). */
  extensions?: readonly string[];
}

/**
 * MMPretrain's `CustomDataset`, in both formats of the guide:
 * - sub-folder format (no `ann_file`): class names are the sorted sub-folder names of the image
 *   prefix and every image below a class folder is a sample of it; with `with_label: false`, every
 *   image below the prefix is a sample;
 * - annotation-file format: each line of `ann_file` is `path label` (or just `path` without
 *   labels), paths absolute or relative to the image prefix.
 *
 * @example
 * { type: 'CustomDataset', data_root: 'data/mnist', data_prefix: 'train', pipeline: [...] }
 */
export class CustomDataset extends BaseDataset {
  readonly withLabel: boolean;
  readonly extensions: readonly string[];
  /** Folder name to class index, in the sub-folder format. */
  folderToIdx: Record<string, number> | undefined;

  constructor(options: CustomDatasetOptions = {}, context?: BuildContext) {
    super({ ...options, lazy_init: true }, context);
    this.withLabel = options.with_label ?? true;
    this.extensions = (options.extensions ?? IMAGE_EXTENSIONS).map((extension) => extension.toLowerCase());
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  protected loadDataList(): DataInfo[] {
    return this.annFile ? this.loadAnnotationFile() : this.loadSubFolders();
  }

  private loadSubFolders(): DataInfo[] {
    const prefix = this.dataPrefix;
    if (!this.withLabel) {
      const files = listFiles(prefix, this.extensions);
      if (files.length === 0) throw new DatasetError(`Found 0 files in ${prefix} with the extensions ${this.extensions.join(', ')}`, prefix);
      return files.map((file) => ({ img_path: join(prefix, file) }));
    }
    const folders = listFolders(prefix);
    const classes = this.classes;
    if (classes && classes.length !== folders.length) {
      throw new DatasetError(
        `The number of sub-folders of ${prefix} (${folders.length}: ${folders.join(', ')}) does not match the number of classes given (${classes.length}: ${classes.join(', ')})`,
        prefix,
      );
    }
    if (!classes) this.setMetainfo('classes', folders);
    this.folderToIdx = Object.fromEntries(folders.map((folder, index) => [folder, index]));
    const samples: DataInfo[] = [];
    const empty: string[] = [];
    for (const [label, folder] of folders.entries()) {
      const files = listFiles(join(prefix, folder), this.extensions);
      if (files.length === 0) empty.push(folder);
      for (const file of files) samples.push({ img_path: join(prefix, folder, file), gt_label: label });
    }
    if (samples.length === 0) {
      throw new DatasetError(`Found 0 files in the sub-folders of ${prefix}; supported extensions are ${this.extensions.join(', ')}`, prefix);
    }
    if (empty.length > 0) {
      throw new DatasetError(`The class folder(s) ${empty.join(', ')} of ${prefix} hold no image with the extensions ${this.extensions.join(', ')}`, prefix);
    }
    return samples;
  }

  private loadAnnotationFile(): DataInfo[] {
    const file = this.annFile;
    if (!existsSync(file)) throw new DatasetError(`The annotation file ${file} does not exist`, file);
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const classes = this.classes;
    const samples: DataInfo[] = [];
    for (const [index, raw] of lines.entries()) {
      const line = raw.trim();
      if (line === '') continue;
      const lineNumber = index + 1;
      let path = line;
      let label: number | undefined;
      if (this.withLabel) {
        const split = line.lastIndexOf(' ');
        const labelText = split < 0 ? '' : line.slice(split + 1);
        if (split < 0 || !/^-?\d+$/.test(labelText)) {
          throw new DatasetError(`${file}, line ${lineNumber}: expected "path label" with an integer label, got "${line}"`, file, lineNumber);
        }
        path = line.slice(0, split).trim();
        label = Number(labelText);
        if (classes && (label < 0 || label >= classes.length)) {
          throw new DatasetError(`${file}, line ${lineNumber}: label ${label} is outside [0, ${classes.length - 1}] (${classes.length} classes)`, file, lineNumber);
        }
        if (label < 0) throw new DatasetError(`${file}, line ${lineNumber}: label ${label} is negative`, file, lineNumber);
      }
      const info: DataInfo = { img_path: isAbsolute(path) ? path : join(this.dataPrefix, path) };
      if (label !== undefined) info.gt_label = label;
      samples.push(info);
    }
    if (samples.length === 0) throw new DatasetError(`The annotation file ${file} lists no sample`, file);
    return samples;
  }
}
