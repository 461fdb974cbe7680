import { createCpuBackend } from '@mmpt/tensor';
import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { type ClassifierCase, RESNET18_CIFAR, RESNET50, type ThroughputOptions, VIT_SMALL, measureClassifier, throughputRows } from './classifier-throughput.ts';

/**
 * A classifier on the CPU backend (all cores): training images/s with the time of a step split into
 * forward, backward and optimizer, and inference images/s. The benchmark's name carries the batch.
 */
function cpuBenchmark(entry: ClassifierCase, options: ThroughputOptions): Benchmark {
  const batches = options.trainingBatch === options.inferenceBatch ? `batch ${options.trainingBatch}` : `batch ${options.trainingBatch}/${options.inferenceBatch}`;
  return {
    name: `${entry.label} ${batches}`,
    run: async (): Promise<BenchResult[]> => {
      const backend = createCpuBackend();
      try {
        const throughput = await measureClassifier(entry, backend, options);
        return throughputRows(entry, options, throughput, { backend: 'cpu', threads: backend.threads });
      } finally {
        backend.dispose();
      }
    },
  };
}

/**
 * The benchmarks of `@mmpt/models` on the CPU: ResNet-18 (CIFAR, 32x32), ResNet-50 and ViT-S/16
 * (224x224) with batches that keep each under about a minute on two cores. Their WebGPU
 * counterparts are in packages/gpu/bench/model-benchmarks.ts.
 */
export const modelBenchmarks: Benchmark[] = [
  cpuBenchmark(RESNET18_CIFAR, { trainingBatch: 64, inferenceBatch: 64, warmup: 1, repeats: 5 }),
  cpuBenchmark(RESNET50, { trainingBatch: 8, inferenceBatch: 8, warmup: 1, repeats: 3 }),
  cpuBenchmark(VIT_SMALL, { trainingBatch: 8, inferenceBatch: 8, warmup: 1, repeats: 3 }),
];
