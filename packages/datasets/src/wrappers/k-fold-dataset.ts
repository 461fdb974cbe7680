import type { BuildContext } from '@mmpt/registry';
import { Generator, permutation } from '@mmpt/tensor';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset-error';
import { type DatasetInput, DatasetWrapper, buildWrappedDataset } from './dataset-wrapper';

/** The options of {@link KFoldDataset}, as MMPretrain's. */
export interface KFoldDatasetOptions {
  dataset: DatasetInput;
  /** The fold used for validation, in `[0, num_splits - 1]`. */
  fold?: number;
  /** The number of folds; 5 by default. */
  num_splits?: number;
  /** The validation fold when true, the other folds when false (default). */
  test_mode?: boolean;
  /** The seed of a shuffle before splitting; no shuffle when absent. */
  seed?: number | null;
  lazy_init?: boolean;
}

/**
 * The indices of one side of a K-fold split of `length` samples, as MMPretrain computes them: the
 * samples (shuffled by `seed` when given) are cut at `length * fold / splits` and
 * `length * (fold + 1) / splits` (floored); the test side is the part between, the training side
 * the rest.
 */
export function kFoldIndices(length: number, fold: number, splits: number, testMode: boolean, seed: number | null | undefined): Int32Array {
  const order = seed === null || seed === undefined ? Int32Array.from({ length }, (_, index) => index) : permutation(length, new Generator(seed));
  const start = Math.floor((length * fold) / splits);
  const end = Math.floor((length * (fold + 1)) / splits);
  if (testMode) return order.slice(start, end);
  const indices = new Int32Array(length - (end - start));
  indices.set(order.subarray(0, start));
  indices.set(order.subarray(end), start);
  return indices;
}

/**
 * MMPretrain's `KFoldDataset`, for K-fold cross-validation: the samples are divided into
 * `num_splits` folds of almost equal size; with `test_mode` the dataset is fold `fold`, without it
 * the other folds. The optional shuffle draws from mmpt's seeded generator (not numpy's), so a
 * seeded split differs from MMPretrain's while being just as reproducible.
 *
 * @example
 * { type: 'KFoldDataset', fold: 2, num_splits: 5, dataset: { type: 'CustomDataset', data_prefix: 'train' } }
 */
export class KFoldDataset extends DatasetWrapper {
  readonly fold: number;
  readonly numSplits: number;
  readonly testMode: boolean;
  /** The seed of the shuffle before splitting (`seed` in the config). */
  readonly splitSeed: number | null;

  constructor(options: KFoldDatasetOptions, context?: BuildContext) {
    const lazy = options.lazy_init ?? false;
    const numSplits = options.num_splits ?? 5;
    const fold = options.fold ?? 0;
    if (!Number.isInteger(numSplits) || numSplits < 2) throw new DatasetError(`KFoldDataset: num_splits must be an integer of at least 2, got ${numSplits}`);
    if (!Number.isInteger(fold) || fold < 0 || fold >= numSplits) throw new DatasetError(`KFoldDataset: fold ${fold} is outside [0, ${numSplits - 1}]`);
    super([buildWrappedDataset(options.dataset, context, lazy, 'KFoldDataset')]);
    this.fold = fold;
    this.numSplits = numSplits;
    this.testMode = options.test_mode ?? false;
    this.splitSeed = options.seed ?? null;
    if (!lazy) this.fullInit();
  }

  protected buildIndices(): Int32Array {
    return kFoldIndices((this.datasets[0] as Dataset).length, this.fold, this.numSplits, this.testMode, this.splitSeed);
  }

  protected computeLength(indices: Int32Array): number {
    return indices.length;
  }

  protected locate(index: number, indices: Int32Array): [Dataset, number] {
    return [this.datasets[0] as Dataset, indices[index] as number];
  }
}
