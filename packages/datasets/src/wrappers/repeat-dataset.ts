import type { BuildContext } from '@mmpt/registry';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset-error';
import { type DatasetInput, DatasetWrapper, buildWrappedDataset } from './dataset-wrapper';

/** The options of {@link RepeatDataset}, as MMEngine's. */
export interface RepeatDatasetOptions {
  dataset: DatasetInput;
  /** How many times the dataset is repeated. */
  times: number;
  lazy_init?: boolean;
}

/**
 * MMEngine's `RepeatDataset`: the dataset `times` times in a row (sample `i` is sample
 * `i % length` of the dataset), to make short epochs longer. Each repeat is augmented differently.
 *
 * @example
 * { type: 'RepeatDataset', times: 3, dataset: { type: 'CustomDataset', data_prefix: 'train' } }
 */
export class RepeatDataset extends DatasetWrapper {
  readonly times: number;

  constructor(options: RepeatDatasetOptions, context?: BuildContext) {
    const lazy = options.lazy_init ?? false;
    if (!Number.isInteger(options.times) || options.times < 1) throw new DatasetError(`RepeatDataset: times must be a positive integer, got ${options.times}`);
    super([buildWrappedDataset(options.dataset, context, lazy, 'RepeatDataset')]);
    this.times = options.times;
    if (!lazy) this.fullInit();
  }

  protected buildIndices(): Int32Array {
    return new Int32Array(0);
  }

  protected computeLength(): number {
    return this.times * (this.datasets[0] as Dataset).length;
  }

  protected locate(index: number): [Dataset, number] {
    const dataset = this.datasets[0] as Dataset;
    return [dataset, index % dataset.length];
  }
}
