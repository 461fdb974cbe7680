import type { BuildContext } from '@mmpt/registry';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset-error';
import { type DatasetInput, DatasetWrapper, buildWrappedDataset } from './dataset-wrapper';

/** The options of {@link ConcatDataset}, as MMEngine's. */
export interface ConcatDatasetOptions {
  datasets: DatasetInput[];
  /** Load the datasets on first use instead of now. */
  lazy_init?: boolean;
  /** Meta information keys allowed to differ between the datasets. */
  ignore_keys?: string | string[];
}

/**
 * MMEngine's `ConcatDataset`: the samples of several datasets one after the other. Their meta
 * information (the classes) must match the first dataset's, except the `ignore_keys`; the
 * wrapper's is the first dataset's.
 *
 * @example
 * { type: 'ConcatDataset', datasets: [{ type: 'CustomDataset', data_prefix: 'a' }, { type: 'CustomDataset', data_prefix: 'b' }] }
 */
export class ConcatDataset extends DatasetWrapper {
  readonly ignoreKeys: string[];

  constructor(options: ConcatDatasetOptions, context?: BuildContext) {
    const lazy = options.lazy_init ?? false;
    if (!Array.isArray(options.datasets) || options.datasets.length === 0) throw new DatasetError('ConcatDataset: datasets must be a non-empty list');
    super(options.datasets.map((dataset) => buildWrappedDataset(dataset, context, lazy, 'ConcatDataset')));
    const ignore = options.ignore_keys ?? [];
    this.ignoreKeys = typeof ignore === 'string' ? [ignore] : [...ignore];
    if (!lazy) this.fullInit();
  }

  protected override checkDatasets(): void {
    const first = (this.datasets[0] as Dataset).metainfo;
    this.datasets.forEach((dataset, position) => {
      if (position === 0) return;
      const metainfo = dataset.metainfo;
      for (const key of Object.keys(first)) {
        if (this.ignoreKeys.includes(key)) continue;
        if (!(key in metainfo)) throw new DatasetError(`ConcatDataset: "${key}" is in the meta information of the first dataset but not of dataset ${position + 1}`);
        const wanted = JSON.stringify(first[key]);
        const found = JSON.stringify(metainfo[key]);
        if (wanted !== found) {
          throw new DatasetError(`ConcatDataset: the meta information "${key}" of dataset ${position + 1} (${preview(found)}) does not match the first dataset's (${preview(wanted)}); list it in ignore_keys to allow it`);
        }
      }
    });
  }

  protected buildIndices(): Int32Array {
    return new Int32Array(0);
  }

  protected computeLength(): number {
    return this.datasets.reduce((total, dataset) => total + dataset.length, 0);
  }

  protected locate(index: number): [Dataset, number] {
    let offset = index;
    for (const dataset of this.datasets) {
      if (offset < dataset.length) return [dataset, offset];
      offset -= dataset.length;
    }
    throw new RangeError(`ConcatDataset: index ${index} is out of range`);
  }
}

function preview(text: string | undefined): string {
  const value = text ?? 'undefined';
  return value.length > 120 ? `${value.slice(0, 120)}...` : value;
}
