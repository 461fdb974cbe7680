import type { Generator } from '@mmpt/tensor';
import type { SerializedBuffers } from './serialized-list';

/** One sample's information before the pipeline: MMPretrain's keys (`img_path`, `img`, `gt_label`, ...). */
export type DataInfo = Record<string, unknown> & { img_path?: string; gt_label?: number | number[] };

/**
 * What a dataset hands to a data loader's worker threads so they skip loading the data list:
 * the serialised list of a dataset, or the index table of a wrapper with the states of the
 * datasets it wraps. Every buffer is shared memory.
 */
export type SharedDatasetState =
  | { kind: 'list'; list: SerializedBuffers; metainfo: Record<string, unknown> }
  | { kind: 'wrapper'; indices: Int32Array; datasets: SharedDatasetState[] };

/**
 * What the data loader, the samplers and the dataset wrappers need of a dataset: {@link
 * BaseDataset} and every wrapper implement it.
 */
export interface Dataset {
  /** The number of samples. */
  readonly length: number;
  /** The seed random transforms draw from (with the epoch and the index); set by the data loader. */
  seed: number;
  /** The epoch random transforms draw from; set by the data loader. */
  epoch: number;
  /** Meta information: `classes` and anything else the config or the files gave. */
  readonly metainfo: Record<string, unknown>;
  /** The class names, when known. */
  readonly classes: string[] | undefined;
  /** Loads the data list if that has not happened yet. */
  fullInit(): void;
  /** The information of sample `index` (a copy). */
  getDataInfo(index: number): DataInfo;
  /** The category ids of sample `index` (one for single-label datasets, several for multi-label). */
  getCatIds(index: number): number[];
  /** The single label of every sample (-1 where a sample has none or several). */
  getGtLabels(): Int32Array;
  /** Sample `index` after the pipeline, augmented from a generator seeded by (seed, epoch, index). */
  get(index: number, epoch?: number): Promise<Record<string, unknown>>;
  /** Sample `index` after the pipeline, random transforms drawing from `generator`. */
  prepareSample(index: number, generator: Generator): Promise<Record<string, unknown>>;
  /** The state worker threads adopt instead of loading the data list again. */
  sharedState(): SharedDatasetState;
  /** Installs the state of {@link Dataset.sharedState} (in a worker thread). */
  adoptSharedState(state: SharedDatasetState): void;
}
