import { parentPort, workerData } from 'node:worker_threads';
import type { Dataset } from '../dataset';
import { type LoadFailure, SAMPLES_IN_FLIGHT, loadInOrder } from './load-in-order';
import { packResult } from './transfer';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker-messages';

// The body of a data loader's worker thread: rebuilds the dataset from its config with the
// registries the setup names, adopts the main thread's loaded data list, and answers requests
// for batches of indices with their pipeline results.

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('data-worker must run in a worker thread');

const ready = (async () => {
  // A transform that makes tensors needs a backend in this thread: a one-thread CPU backend; such
  // tensors are read back to host arrays before they are posted (see packResult).
  const { createCpuBackend, setDefaultBackend } = await import('@mmpt/tensor');
  setDefaultBackend(createCpuBackend({ threads: 1 }));
  const { createRegistries } = await import('@mmpt/registry');
  const registries = createRegistries();
  for (const specifier of setup.imports) {
    const module = (await import(specifier)) as { register?: (registries: unknown) => void };
    if (typeof module.register !== 'function') throw new Error(`data worker: the module "${specifier}" has no register function`);
    module.register(registries);
  }
  const dataset = registries.datasets.build({ ...setup.datasetConfig, lazy_init: true }) as Dataset;
  dataset.adoptSharedState(setup.shared);
  dataset.seed = setup.seed;
  return dataset;
})();

port.on('message', async (request: WorkerRequest) => {
  let dataset: Dataset;
  try {
    dataset = await ready;
  } catch (error) {
    const failure = error as Error;
    port.postMessage({ id: request.id, error: { message: `data worker setup failed: ${failure.message}`, stack: failure.stack, index: request.indices[0] ?? -1 } } satisfies WorkerResponse);
    return;
  }
  const transfer: ArrayBuffer[] = [];
  let results: unknown[];
  try {
    results = await loadInOrder(request.indices, SAMPLES_IN_FLIGHT, async (index) => packResult(await dataset.get(index, request.epoch), transfer));
  } catch (error) {
    const { index, failure } = error as LoadFailure;
    let file: string | undefined;
    try {
      file = dataset.getDataInfo(index).img_path;
    } catch {
      file = undefined;
    }
    const cause = failure as Error;
    port.postMessage({ id: request.id, error: { message: cause.message, stack: cause.stack, index, file } } satisfies WorkerResponse);
    return;
  }
  port.postMessage({ id: request.id, results } satisfies WorkerResponse, transfer);
});
