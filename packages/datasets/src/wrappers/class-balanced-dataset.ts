import type { BuildContext } from '@mmpt/registry';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset-error';
import { type DatasetInput, DatasetWrapper, buildWrappedDataset } from './dataset-wrapper';

/** The options of {@link ClassBalancedDataset}, as MMEngine's. */
export interface ClassBalancedDatasetOptions {
  dataset: DatasetInput;
  /** The frequency below which a category is oversampled. */
  oversample_thr: number;
  lazy_init?: boolean;
}

/**
 * The repeat factor of every sample, by MMEngine's rule (LVIS): with `f(c)` the fraction of
 * samples that contain category `c`, `r(c) = max(1, sqrt(threshold / f(c)))`, and a sample's
 * factor is the largest `r(c)` of its categories (1 for a sample without any).
 */
export function repeatFactors(catIds: ReadonlyArray<readonly number[]>, threshold: number): number[] {
  const frequency = new Map<number, number>();
  for (const ids of catIds) for (const id of new Set(ids)) frequency.set(id, (frequency.get(id) ?? 0) + 1);
  const categoryRepeat = new Map<number, number>();
  for (const [id, count] of frequency) categoryRepeat.set(id, Math.max(1, Math.sqrt(threshold / (count / catIds.length))));
  return catIds.map((ids) => (ids.length === 0 ? 1 : Math.max(...ids.map((id) => categoryRepeat.get(id) as number))));
}

/**
 * MMEngine's `ClassBalancedDataset`: oversamples the samples of rare categories, each sample
 * repeated `ceil(r)` times in a row, `r` its repeat factor (see {@link repeatFactors}), so rare
 * categories appear about as often as `oversample_thr` says. Works with single- and multi-label
 * datasets (through `getCatIds`).
 *
 * @example
 * { type: 'ClassBalancedDataset', oversample_thr: 0.1, dataset: { type: 'CustomDataset', data_prefix: 'train' } }
 */
export class ClassBalancedDataset extends DatasetWrapper {
  readonly oversampleThreshold: number;

  constructor(options: ClassBalancedDatasetOptions, context?: BuildContext) {
    const lazy = options.lazy_init ?? false;
    if (typeof options.oversample_thr !== 'number' || !(options.oversample_thr >= 0)) {
      throw new DatasetError(`ClassBalancedDataset: oversample_thr must be a non-negative number, got ${String(options.oversample_thr)}`);
    }
    super([buildWrappedDataset(options.dataset, context, lazy, 'ClassBalancedDataset')]);
    this.oversampleThreshold = options.oversample_thr;
    if (!lazy) this.fullInit();
  }

  protected buildIndices(): Int32Array {
    const dataset = this.datasets[0] as Dataset;
    const catIds = Array.from({ length: dataset.length }, (_, index) => dataset.getCatIds(index));
    const factors = repeatFactors(catIds, this.oversampleThreshold);
    const indices: number[] = [];
    factors.forEach((factor, index) => {
      for (let copy = 0; copy < Math.ceil(factor); copy++) indices.push(index);
    });
    return Int32Array.from(indices);
  }

  protected computeLength(indices: Int32Array): number {
    return indices.length;
  }

  protected locate(index: number, indices: Int32Array): [Dataset, number] {
    return [this.datasets[0] as Dataset, indices[index] as number];
  }
}
