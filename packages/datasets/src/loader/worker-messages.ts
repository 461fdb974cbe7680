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

/** The data a worker starts with. */
export interface WorkerSetup {
  /** Modules whose `register(registries)` the worker calls before building the dataset. */
  imports: string[];
  /** The dataset's config (the registry rebuilds it in the worker, lazily). */
  datasetConfig: Record<string, unknown>;
  /** The serialised data list, shared with the main thread. */
  serialized: { bytes: Uint8Array; offsets: Float64Array };
  seed: number;
}
