import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { Generator } from '@mmpt/tensor';
import { sampleSeed } from '../base-dataset';
import type { DataInfo, Dataset, SharedDatasetState } from '../dataset';
import { DatasetError } from '../dataset-error';

/** A dataset given to a wrapper: a built dataset or its config (built through `registries.datasets`). */
export type DatasetInput = Dataset | BuildConfig;

function isDataset(value: unknown): value is Dataset {
  return typeof value === 'object' && value !== null && typeof (value as Dataset).prepareSample === 'function' && typeof (value as Dataset).getDataInfo === 'function';
}

/**
 * Builds the dataset a wrapper is given. A lazy wrapper builds the datasets of its configs lazily
 * too (unless a config says otherwise), so that a data loader's worker threads, which rebuild
 * datasets lazily and adopt the loaded state, never read the files again.
 */
export function buildWrappedDataset(input: DatasetInput, context: BuildContext | undefined, lazy: boolean, owner: string): Dataset {
  if (isDataset(input)) return input;
  if (input === null || typeof input !== 'object') throw new DatasetError(`${owner}: expected a dataset or a dataset config, got ${String(input)}`);
  const registries = context?.registries;
  if (!registries) throw new DatasetError(`${owner}: a dataset config needs the registries; build the wrapper through registries.datasets or pass built datasets`);
  const config = lazy ? { lazy_init: true, ...input } : input;
  return registries.datasets.build(config) as Dataset;
}

/**
 * The base of MMEngine's dataset wrappers: maps each index of the wrapper to a dataset it wraps
 * and an index there. Loading is delegated to the wrapped datasets; the wrapper's own table
 * (repeat indices, a fold) is built once in `fullInit` and shared with worker threads. Random
 * transforms draw from a generator seeded by the wrapper's seed, the epoch and the wrapper's
 * index, so two repeats of one sample are augmented differently.
 */
export abstract class DatasetWrapper implements Dataset {
  seed = 0;
  epoch = 0;
  protected readonly datasets: Dataset[];
  #indices: Int32Array | undefined;
  #initialized = false;

  protected constructor(datasets: Dataset[]) {
    this.datasets = datasets;
  }

  /** Builds the wrapper's index table (empty when `locate` needs none). */
  protected abstract buildIndices(): Int32Array;

  /** The number of samples, once initialised. */
  protected abstract computeLength(indices: Int32Array): number;

  /** The wrapped dataset and the index in it of sample `index` (in range, initialised). */
  protected abstract locate(index: number, indices: Int32Array): [Dataset, number];

  /** Checks done once the wrapped datasets are loaded (not in worker threads). */
  protected checkDatasets(): void {}

  /** Loads the wrapped datasets and builds the index table. */
  fullInit(): void {
    if (this.#initialized) return;
    for (const dataset of this.datasets) dataset.fullInit();
    this.checkDatasets();
    const indices = this.buildIndices();
    const shared = new Int32Array(new SharedArrayBuffer(Math.max(indices.byteLength, 4)), 0, indices.length);
    shared.set(indices);
    this.#indices = shared;
    this.#initialized = true;
  }

  /** The index table, built on first use. */
  protected get indices(): Int32Array {
    this.fullInit();
    return this.#indices as Int32Array;
  }

  get length(): number {
    return this.computeLength(this.indices);
  }

  /** The meta information of the (first) wrapped dataset. */
  get metainfo(): Record<string, unknown> {
    return (this.datasets[0] as Dataset).metainfo;
  }

  get classes(): string[] | undefined {
    return this.metainfo.classes as string[] | undefined;
  }

  /** The wrapped dataset and index of sample `index`, with a range check. */
  protected resolve(index: number): [Dataset, number] {
    const length = this.length;
    if (!Number.isInteger(index) || index < 0 || index >= length) throw new RangeError(`${this.constructor.name}: index ${index} is out of range for ${length} samples`);
    return this.locate(index, this.indices);
  }

  getDataInfo(index: number): DataInfo {
    const [dataset, inner] = this.resolve(index);
    return dataset.getDataInfo(inner);
  }

  getCatIds(index: number): number[] {
    const [dataset, inner] = this.resolve(index);
    return dataset.getCatIds(inner);
  }

  getGtLabels(): Int32Array {
    const labels = new Int32Array(this.length);
    const cache = new Map<Dataset, Int32Array>();
    for (let index = 0; index < labels.length; index++) {
      const [dataset, inner] = this.resolve(index);
      let inside = cache.get(dataset);
      if (!inside) {
        inside = dataset.getGtLabels();
        cache.set(dataset, inside);
      }
      labels[index] = inside[inner] as number;
    }
    return labels;
  }

  async get(index: number, epoch = this.epoch): Promise<Record<string, unknown>> {
    return this.prepareSample(index, new Generator(sampleSeed(this.seed, epoch, index)));
  }

  async prepareSample(index: number, generator: Generator): Promise<Record<string, unknown>> {
    const [dataset, inner] = this.resolve(index);
    return dataset.prepareSample(inner, generator);
  }

  sharedState(): SharedDatasetState {
    return { kind: 'wrapper', indices: this.indices, datasets: this.datasets.map((dataset) => dataset.sharedState()) };
  }

  adoptSharedState(state: SharedDatasetState): void {
    if (state.kind !== 'wrapper' || state.datasets.length !== this.datasets.length) {
      throw new DatasetError(`${this.constructor.name}: the shared state does not match the wrapper (${this.datasets.length} wrapped datasets)`);
    }
    state.datasets.forEach((inner, position) => (this.datasets[position] as Dataset).adoptSharedState(inner));
    this.#indices = state.indices;
    this.#initialized = true;
  }
}
