import { Worker } from 'node:worker_threads';
import type { Backend } from '@mmpt/tensor';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset-error';
import type { Sampler } from '../samplers/sampler';
import { SequentialSampler } from '../samplers/sequential-sampler';
import { type Batch, COLLATE_FUNCTIONS, type CollateFunction } from './collate';
import { type LoadFailure, SAMPLES_IN_FLIGHT, loadInOrder } from './load-in-order';
import { unpackResult } from './transfer';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker-messages';

/** The options of {@link DataLoader}, as PyTorch's and MMEngine's `DataLoader`. */
export interface DataLoaderOptions {
  dataset: Dataset;
  batch_size?: number;
  /** The order of indices; SequentialSampler by default. */
  sampler?: Sampler;
  /** Worker threads that load and transform samples; 0 runs the pipeline on the calling thread. */
  num_workers?: number;
  /** Keep the workers between epochs. */
  persistent_workers?: boolean;
  /** Batches requested ahead per worker. */
  prefetch_factor?: number;
  /** Drop the last batch when it is smaller than `batch_size`. */
  drop_last?: boolean;
  collate_fn?: 'default_collate' | 'pseudo_collate' | CollateFunction;
  /** The backend of the collated tensors; the default backend when absent. */
  backend?: Backend;
  /** The seed of the random transforms (with the epoch and the index). */
  seed?: number;
  /**
   * How workers rebuild the dataset: the modules whose `register(registries)` they call (the
   * dataset's config must be rebuildable from these), and the dataset config itself.
   */
  worker?: { imports: string[]; datasetConfig: Record<string, unknown>; execArgv?: string[] };
}

interface PendingBatch {
  promise: Promise<Record<string, unknown>[]>;
}

/**
 * Batches a dataset in the sampler's order, running loading and transforms on `num_workers`
 * worker threads with prefetch. The order of samples is the sampler's whatever the worker count;
 * an error in a worker reaches the caller with the sample index and file; stopping an iteration
 * early leaves no thread behind (workers are also unref'd, so they never keep a process alive).
 *
 * @example
 * for await (const batch of loader) model.loss(...)
 */
export class DataLoader implements AsyncIterable<Batch> {
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly sampler: Sampler;
  readonly numWorkers: number;
  readonly persistentWorkers: boolean;
  readonly prefetchFactor: number;
  readonly dropLast: boolean;
  readonly collate: CollateFunction;
  readonly #options: DataLoaderOptions;
  #workers: Worker[] = [];
  #callbacks = new Map<number, { resolve: (value: Record<string, unknown>[]) => void; reject: (error: Error) => void }>();
  #nextRequest = 0;
  #epoch = 0;

  constructor(options: DataLoaderOptions) {
    this.#options = options;
    this.dataset = options.dataset;
    this.batchSize = options.batch_size ?? 1;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`DataLoader: batch_size must be a positive integer, got ${this.batchSize}`);
    this.sampler = options.sampler ?? new SequentialSampler({ dataset: options.dataset });
    this.numWorkers = options.num_workers ?? 0;
    this.persistentWorkers = options.persistent_workers ?? false;
    this.prefetchFactor = options.prefetch_factor ?? 2;
    this.dropLast = options.drop_last ?? false;
    const collate = options.collate_fn ?? 'default_collate';
    const collateFunction = typeof collate === 'function' ? collate : COLLATE_FUNCTIONS[collate];
    if (!collateFunction) throw new Error(`DataLoader: unknown collate_fn "${String(collate)}"; known: ${Object.keys(COLLATE_FUNCTIONS).join(', ')}`);
    this.collate = collateFunction;
    if (this.numWorkers > 0 && !options.worker) {
      throw new Error('DataLoader: num_workers > 0 needs { worker: { imports, datasetConfig } } so that workers can rebuild the dataset (buildDataLoader fills it from a config)');
    }
    this.dataset.seed = options.seed ?? 0;
  }

  /** Batches per epoch. */
  get length(): number {
    const samples = this.sampler.length;
    return this.dropLast ? Math.floor(samples / this.batchSize) : Math.ceil(samples / this.batchSize);
  }

  /** Sets the epoch of the sampler's shuffle and of the random transforms. */
  setEpoch(epoch: number): void {
    this.#epoch = epoch;
    this.dataset.epoch = epoch;
    this.sampler.setEpoch?.(epoch);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Batch> {
    const epoch = this.#epoch;
    const batches = this.batchIndices();
    if (this.numWorkers === 0) {
      for (const indices of batches) {
        let samples: Record<string, unknown>[];
        try {
          samples = await loadInOrder(indices, SAMPLES_IN_FLIGHT, (index) => this.dataset.get(index, epoch));
        } catch (error) {
          const { index, failure } = error as LoadFailure;
          throw sampleError(failure as Error, index, safeFile(this.dataset, index));
        }
        yield this.collate(samples, this.#options.backend);
      }
      return;
    }
    this.startWorkers();
    const inFlight: PendingBatch[] = [];
    const depth = this.numWorkers * this.prefetchFactor;
    let workerIndex = 0;
    const request = (indices: number[]): PendingBatch => {
      const worker = this.#workers[workerIndex++ % this.#workers.length] as Worker;
      const id = this.#nextRequest++;
      const promise = new Promise<Record<string, unknown>[]>((resolve, reject) => this.#callbacks.set(id, { resolve, reject }));
      worker.postMessage({ id, indices, epoch } satisfies WorkerRequest);
      return { promise };
    };
    try {
      const iterator = batches[Symbol.iterator]();
      let next = iterator.next();
      while (inFlight.length < depth && !next.done) {
        inFlight.push(request(next.value));
        next = iterator.next();
      }
      while (inFlight.length > 0) {
        const results = await (inFlight.shift() as PendingBatch).promise;
        if (!next.done) {
          inFlight.push(request(next.value));
          next = iterator.next();
        }
        yield this.collate(results.map((result) => unpackResult(result) as Record<string, unknown>), this.#options.backend);
      }
    } finally {
      for (const pending of inFlight) pending.promise.catch(() => undefined);
      if (!this.persistentWorkers) await this.dispose();
    }
  }

  /** Stops the worker threads (they start again on the next iteration). */
  async dispose(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    for (const { reject } of this.#callbacks.values()) reject(new Error('DataLoader: the workers were stopped'));
    this.#callbacks.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private *batchIndices(): Generator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }

  private startWorkers(): void {
    if (this.#workers.length > 0) return;
    const worker = this.#options.worker as NonNullable<DataLoaderOptions['worker']>;
    const setup: WorkerSetup = {
      imports: worker.imports,
      datasetConfig: worker.datasetConfig,
      shared: this.dataset.sharedState(),
      seed: this.dataset.seed,
    };
    // From TypeScript sources, a bootstrap registers tsx in the thread first (Node 20 does not apply
    // `--import` to worker threads); a built package starts its compiled worker directly.
    const fromSource = import.meta.url.endsWith('.ts');
    const script = new URL(fromSource ? './source-worker.mjs' : './data-worker.js', import.meta.url);
    const entry = new URL('./data-worker.ts', import.meta.url).href;
    const execArgv = worker.execArgv ?? (fromSource ? ['--conditions=@mmpt/source'] : []);
    for (let index = 0; index < this.numWorkers; index++) {
      const thread = new Worker(script, { workerData: { ...setup, entry }, execArgv });
      thread.unref();
      thread.on('message', (response: WorkerResponse) => {
        const callback = this.#callbacks.get(response.id);
        if (!callback) return;
        this.#callbacks.delete(response.id);
        if ('error' in response) {
          const failure = new Error(response.error.message);
          failure.stack = response.error.stack;
          callback.reject(sampleError(failure, response.error.index, response.error.file));
        } else {
          callback.resolve(response.results as Record<string, unknown>[]);
        }
      });
      thread.on('error', (error) => {
        for (const { reject } of this.#callbacks.values()) reject(new Error(`DataLoader: a worker thread failed: ${error.message}`));
        this.#callbacks.clear();
      });
      this.#workers.push(thread);
    }
  }
}

function safeFile(dataset: Dataset, index: number): string | undefined {
  try {
    return dataset.getDataInfo(index).img_path;
  } catch {
    return undefined;
  }
}

function sampleError(error: Error, index: number, file: string | undefined): DatasetError {
  const where = file ? ` (${file})` : '';
  const wrapped = new DatasetError(`sample ${index}${where}: ${error.message}`, file);
  wrapped.cause = error;
  return wrapped;
}
