import { isAbsolute, join } from 'node:path';

/**
 * Resolves a path of a dataset config as MMEngine's BaseDataset does: a relative path is joined to
 * `data_root` when one is given, and left relative to the working directory otherwise; an absolute
 * path is kept.
 */
export function joinDataRoot(dataRoot: string | undefined | null, path: string): string {
  if (!path) return dataRoot ?? '';
  if (isAbsolute(path) || !dataRoot) return path;
  return join(dataRoot, path);
}

/**
 * `data_prefix` as configs write it: a folder, or MMEngine's `{ img_path: folder }` (VOC adds
 * `ann_path`; MNIST and CIFAR call their folder `root`).
 */
export type DataPrefix = string | { img_path?: string; root?: string; [key: string]: string | undefined };

/** The image folder of a `data_prefix` (its `img_path`, else its `root`). */
export function imagePrefix(prefix: DataPrefix | undefined | null): string {
  if (prefix === undefined || prefix === null) return '';
  return typeof prefix === 'string' ? prefix : (prefix.img_path ?? prefix.root ?? '');
}
