import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createRegistries } from '@mmpt/registry';
import { Generator, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import type { Tensor } from '@mmpt/tensor';
import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { type Compose, createImage, register, writeImage } from '../src/index.ts';
import { TRAIN_PIPELINE } from './train-pipeline.ts';

const IMAGE_COUNT = 16;

/** Writes ImageNet-sized JPEGs (500x375, quality 90) with some texture. */
async function writeImages(directory: string): Promise<string[]> {
  const paths: string[] = [];
  for (let index = 0; index < IMAGE_COUNT; index++) {
    const data = new Uint8Array(375 * 500 * 3);
    for (let y = 0; y < 375; y++) {
      for (let x = 0; x < 500; x++) {
        for (let c = 0; c < 3; c++) data[(y * 500 + x) * 3 + c] = (Math.sin((x + index * 7) / (9 + c)) * 60 + Math.cos(y / (5 + c)) * 60 + 128 + ((x * y + index) % 17)) & 255;
      }
    }
    const path = join(directory, `image-${index}.jpg`);
    await writeImage(path, createImage(375, 500, 3, { data }), { quality: 90 });
    paths.push(path);
  }
  return paths;
}

async function singleCore(paths: string[]): Promise<number> {
  const backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
  const registries = createRegistries();
  register(registries);
  const pipeline = registries.transforms.build<Compose>({ type: 'Compose', transforms: TRAIN_PIPELINE });
  const run = async (seed: number) => {
    for (const [index, path] of paths.entries()) {
      const output = await pipeline.run({ img_path: path, gt_label: 0 }, new Generator(seed + index));
      (output?.inputs as Tensor).dispose();
    }
  };
  await run(0);
  const rounds = 3;
  const start = performance.now();
  for (let round = 1; round <= rounds; round++) await run(round * 1000);
  const seconds = (performance.now() - start) / 1000;
  backend.dispose();
  return (rounds * paths.length) / seconds;
}

async function threaded(paths: string[], workers: number): Promise<number> {
  const rounds = 3;
  const threads = Array.from({ length: workers }, (_, worker) => {
    const share = paths.filter((_, index) => index % workers === worker);
    return new Worker(new URL('./pipeline-worker.mjs', import.meta.url), { workerData: { paths: share, rounds, seed: worker * 100000 } });
  });
  const message = (thread: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
  // Workers compile and warm up first; the clock starts when all are ready.
  await Promise.all(threads.map(message));
  const start = performance.now();
  const done = threads.map(message);
  for (const thread of threads) thread.postMessage('start');
  const counts = (await Promise.all(done)) as number[];
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(threads.map((thread) => thread.terminate()));
  return counts.reduce((sum, count) => sum + count, 0) / seconds;
}

/** The benchmarks of `@mmpt/transforms`: the ImageNet training pipeline in images per second. */
export const transformsBenchmarks: Benchmark[] = [
  {
    name: 'imagenet train pipeline',
    run: async (): Promise<BenchResult[]> => {
      const directory = mkdtempSync(join(tmpdir(), 'mmpt-bench-'));
      try {
        const paths = await writeImages(directory);
        const note = 'jpeg 500x375, RandomResizedCrop 224, flip, RandAugment, PackInputs';
        const results: BenchResult[] = [
          { bench: 'imagenet train pipeline', backend: 'cpu', metric: 'images/s', value: await singleCore(paths), threads: 1, note },
        ];
        const workers = Math.max(2, availableParallelism());
        results.push({ bench: 'imagenet train pipeline', backend: 'cpu', metric: 'images/s', value: await threaded(paths, workers), threads: workers, note: `${note}, worker threads` });
        return results;
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  },
];
