import { parentPort, workerData } from 'node:worker_threads';
import type { BaseDataset } from '../base-dataset';
import { SerializedList } from '../serialized-list';
import { packResult } from './transfer';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker-messages';

// The body of a data loader's worker thread: rebuilds the dataset from its config with the
// registries the setup names, shares the main thread's serialised data list, and answers requests
// for batches of indices with their pipeline results.

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('data-worker must run in a worker thread');

const ready = (async () => {
  const { createRegistries } = await import('@mmpt/registry');
  const registries = createRegistries();
  for (const specifier of setup.imports) {
    const module = (await import(specifier)) as { register?: (registries: unknown) => void };
    if (typeof module.register !== 'function') throw new Error(`data worker: the module "${specifier}" has no register function`);
    module.register(registries);
  }
  const dataset = registries.datasets.build({ ...setup.datasetConfig, lazy_init: true }) as BaseDataset;
  dataset.adoptSerialized(SerializedList.fromBuffers(setup.serialized));
  dataset.seed = setup.seed;
  return dataset;
})();

port.on('message', async (request: WorkerRequest) => {
  let dataset: BaseDataset;
  try {
    dataset = await ready;
  } catch (error) {
    const failure = error as Error;
    port.postMessage({ id: request.id, error: { message: `data worker setup failed: ${failure.message}`, stack: failure.stack, index: request.indices[0] ?? -1 } } satisfies WorkerResponse);
    return;
  }
  const results: unknown[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const index of request.indices) {
    try {
      results.push(packResult(await dataset.get(index, request.epoch), transfer));
    } catch (error) {
      const failure = error as Error;
      let file: string | undefined;
      try {
        file = dataset.getDataInfo(index).img_path;
      } catch {
        file = undefined;
      }
      port.postMessage({ id: request.id, error: { message: failure.message, stack: failure.stack, index, file } } satisfies WorkerResponse);
      return;
    }
  }
  port.postMessage({ id: request.id, results } satisfies WorkerResponse, transfer);
});
