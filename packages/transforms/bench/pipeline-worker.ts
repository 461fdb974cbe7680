import { parentPort, workerData } from 'node:worker_threads';
import { createRegistries } from '@mmpt/registry';
import { Generator, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import type { Tensor } from '@mmpt/tensor';
import { type Compose, register } from '../src/index.ts';
import { TRAIN_PIPELINE } from './train-pipeline.ts';

/**
 * A worker of the threaded benchmark: builds the pipeline, runs one warm-up pass and says
 * 'ready', then on 'start' runs `rounds` passes over its images and posts how many it processed.
 */
const { paths, rounds, seed } = workerData as { paths: string[]; rounds: number; seed: number };
const backend = createCpuBackend({ threads: 1 });
setDefaultBackend(backend);
const registries = createRegistries();
register(registries);
const pipeline = registries.transforms.build<Compose>({ type: 'Compose', transforms: TRAIN_PIPELINE });

async function pass(round: number): Promise<number> {
  for (const [index, path] of paths.entries()) {
    const output = await pipeline.run({ img_path: path, gt_label: 0 }, new Generator(seed + round * paths.length + index));
    (output?.inputs as Tensor).dispose();
  }
  return paths.length;
}

await pass(0);
parentPort?.once('message', async () => {
  let count = 0;
  for (let round = 1; round <= rounds; round++) count += await pass(round);
  backend.dispose();
  parentPort?.postMessage(count);
});
parentPort?.postMessage('ready');
