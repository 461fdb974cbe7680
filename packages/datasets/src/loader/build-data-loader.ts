import type { BuildConfig, Registries } from '@mmpt/registry';
import type { Backend } from '@mmpt/tensor';
import type { Dataset } from '../dataset';
import type { Sampler } from '../samplers/sampler';
import type { CollateFunction } from './collate';
import { DataLoader } from './data-loader';

/** A `train_dataloader` / `val_dataloader` config, as MMEngine's. */
export interface DataLoaderConfig {
  dataset: BuildConfig;
  batch_size?: number;
  num_workers?: number;
  persistent_workers?: boolean;
  prefetch_factor?: number;
  drop_last?: boolean;
  sampler?: BuildConfig;
  collate_fn?: { type: 'default_collate' | 'pseudo_collate' } | CollateFunction;
}

/** The options of {@link buildDataLoader}. */
export interface BuildDataLoaderOptions {
  /** The seed of the sampler's shuffle and of random transforms. */
  seed?: number;
  backend?: Backend;
  /** Modules whose `register` worker threads call to rebuild the dataset (plugins included). */
  workerImports?: string[];
  /** Shard for data-parallel training. */
  rank?: number;
  worldSize?: number;
}

/** The modules a worker registers by default: this package and the transforms. */
export const DEFAULT_WORKER_IMPORTS = ['@mmpt/datasets', '@mmpt/transforms'];

/**
 * Builds a data loader from a config, as MMEngine's `Runner.build_dataloader`: the dataset through
 * `registries.datasets`, the sampler through `registries.dataSamplers` (given the dataset, the
 * seed and the shard), and worker threads that rebuild the dataset from the same config.
 */
export function buildDataLoader(config: DataLoaderConfig, registries: Registries, options: BuildDataLoaderOptions = {}): DataLoader {
  const dataset = registries.datasets.build(config.dataset) as Dataset;
  const samplerConfig = config.sampler ?? { type: 'DefaultSampler', shuffle: false };
  const sampler = registries.dataSamplers.build(samplerConfig, {
    dataset,
    seed: options.seed ?? 0,
    rank: options.rank ?? 0,
    world_size: options.worldSize ?? 1,
  }) as Sampler;
  const collate = config.collate_fn;
  return new DataLoader({
    dataset,
    sampler,
    batch_size: config.batch_size ?? 1,
    num_workers: config.num_workers ?? 0,
    persistent_workers: config.persistent_workers ?? true,
    prefetch_factor: config.prefetch_factor ?? 2,
    drop_last: config.drop_last ?? false,
    collate_fn: typeof collate === 'function' ? collate : (collate?.type ?? 'default_collate'),
    ...(options.backend ? { backend: options.backend } : {}),
    seed: options.seed ?? 0,
    worker: { imports: options.workerImports ?? DEFAULT_WORKER_IMPORTS, datasetConfig: config.dataset as Record<string, unknown> },
  });
}
