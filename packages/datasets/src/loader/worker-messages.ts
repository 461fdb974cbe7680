/** What a data loader sends to its worker threads. */
export interface WorkerRequest {
  id: number;
  indices: number[];
  epoch: number;
}

/** What a worker answers: the pipeline results of a request, or the error of one sample. */
export type WorkerResponse =
  | { id: number; results: unknown[] }
  | { id: number; error: { message: string; stack?: string; index: number; file?: string } };

import type { SharedDatasetState } from '../dataset';

/** The data a worker starts with. */
export interface WorkerSetup {
  /** Modules whose `register(registries)` the worker calls before building the dataset. */
  imports: string[];
  /** The dataset's config (the registry rebuilds it in the worker, lazily). */
  datasetConfig: Record<string, unknown>;
  /** The loaded data list (or a wrapper's index table), shared with the main thread. */
  shared: SharedDatasetState;
  seed: number;
}
