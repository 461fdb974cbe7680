import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRegistries } from '@mmpt/registry';
import { type Tensor, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { createImage, register as registerTransforms, writeImage } from '@mmpt/transforms';
import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { median } from '../../../scripts/bench/harness.ts';
import { buildDataLoader, register as registerDatasets } from '../src/index.ts';

const IMAGE_COUNT = 300;
const CLASSES = 10;
const WIDTH = 500;
const HEIGHT = 375;
const BATCH_SIZE = 32;

/** MMPretrain's ImageNet training pipeline (`configs/_base_/datasets/imagenet_bs32.py`). */
const TRAIN_PIPELINE = [
  { type: 'LoadImageFromFile' },
  { type: 'RandomResizedCrop', scale: 224 },
  { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
  { type: 'PackInputs' },
];

/**
 * Writes 300 JPEG images of 500x375 (smooth colour fields with noise, 10 class folders) to a temp
 * folder once; later runs reuse it.
 */
async function benchImages(): Promise<string> {
  const root = join(tmpdir(), `mmpt-bench-jpeg-${IMAGE_COUNT}-${WIDTH}x${HEIGHT}`);
  const marker = join(root, 'complete.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).count === IMAGE_COUNT) return root;
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  };
  for (let index = 0; index < IMAGE_COUNT; index++) {
    const folder = join(root, `class_${index % CLASSES}`);
    mkdirSync(folder, { recursive: true });
    const image = createImage(HEIGHT, WIDTH, 3);
    const data = image.data;
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const at = (y * WIDTH + x) * 3;
        data[at] = ((x * (index + 3)) / 7 + random() / 8) & 255;
        data[at + 1] = ((y * (index + 5)) / 5 + random() / 8) & 255;
        data[at + 2] = ((x + y + index * 13) / 3 + random() / 8) & 255;
      }
    }
    await writeImage(join(folder, `${index}.jpg`), image, { quality: 90 });
  }
  writeFileSync(marker, JSON.stringify({ count: IMAGE_COUNT }));
  return root;
}

function loaderThroughput(numWorkers: number): Benchmark {
  return {
    name: `dataloader imagenet-pipeline ${numWorkers} workers`,
    run: async (): Promise<BenchResult[]> => {
      const root = await benchImages();
      const backend = createCpuBackend({ threads: 1 });
      setDefaultBackend(backend);
      const registries = createRegistries();
      registerDatasets(registries);
      registerTransforms(registries);
      const loader = buildDataLoader(
        {
          batch_size: BATCH_SIZE,
          num_workers: numWorkers,
          persistent_workers: true,
          sampler: { type: 'DefaultSampler', shuffle: true },
          dataset: { type: 'CustomDataset', data_prefix: root, pipeline: TRAIN_PIPELINE },
        },
        registries,
        { seed: 0, backend },
      );
      const epoch = async (index: number) => {
        loader.setEpoch(index);
        let images = 0;
        for await (const batch of loader) {
          images += batch.data_samples.length;
          const inputs = batch.inputs;
          for (const item of Array.isArray(inputs) ? inputs : [inputs]) (item as Tensor).dispose();
        }
        return images;
      };
      await epoch(0); // starts the workers and warms the caches
      const rates: number[] = [];
      for (let repeat = 1; repeat <= 3; repeat++) {
        const start = performance.now();
        const images = await epoch(repeat);
        rates.push(images / ((performance.now() - start) / 1000));
      }
      await loader.dispose();
      backend.dispose();
      return [
        {
          bench: 'dataloader ImageNet train pipeline',
          backend: 'cpu',
          metric: 'images/s',
          value: median(rates),
          threads: numWorkers,
          note: `${numWorkers} workers; CustomDataset, ${IMAGE_COUNT} JPEG ${WIDTH}x${HEIGHT}, LoadImageFromFile + RandomResizedCrop 224 + RandomFlip + PackInputs, batch ${BATCH_SIZE}`,
        },
      ];
    },
  };
}

/** The benchmarks of `@mmpt/datasets`: DataLoader throughput with 0, 1 and 2 worker threads. */
export const datasetBenchmarks: Benchmark[] = [loaderThroughput(0), loaderThroughput(1), loaderThroughput(2)];
