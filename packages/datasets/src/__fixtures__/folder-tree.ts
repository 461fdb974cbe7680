// Helpers of the dataset wrapper tests.
import type { Dataset } from '../dataset';
import { makeTree } from './dataset-files';

/** A sub-folder dataset tree with `counts[c]` (empty) images in class folder `c<c>`. */
export function folderTree(counts: number[]): string {
  const files: Record<string, string> = {};
  counts.forEach((count, label) => {
    for (let index = 0; index < count; index++) files[`c${label}/${index}.png`] = 'x';
  });
  return makeTree(files);
}

/** The first category of every sample. */
export const labelsOf = (dataset: Dataset) => Array.from({ length: dataset.length }, (_, index) => dataset.getCatIds(index)[0]);
