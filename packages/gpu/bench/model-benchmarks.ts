import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import {
  type ClassifierCase,
  RESNET18_CIFAR,
  RESNET50,
  type ThroughputOptions,
  VIT_SMALL,
  measureClassifier,
  throughputRows,
} from '../../models/bench/classifier-throughput.ts';
import { adapterNote, onGpu } from './on-gpu.ts';

/** The batch of a classifier's rows on a GPU and on a software adapter (lavapipe). */
interface Batches {
  gpu: number;
  software: number;
}

/**
 * A `@mmpt/models` classifier (built from its MMPretrain config through the registry) on a fresh
 * WebGPU backend: training images/s (SGD steps, the step split into forward, backward and
 * optimizer, each waited for) and inference images/s. On a GPU, 3 warm-up steps then the median of
 * 10; on a software adapter (lavapipe), where one ResNet-50 step of batch 1 takes about a minute,
 * the small batch of `batches.software` and a single run, pipeline compilation included: the
 * figure only shows that the model runs there.
 */
function webgpuModelBenchmark(entry: ClassifierCase, batches: Batches): Benchmark {
  return {
    name: `webgpu ${entry.label}`,
    run: () =>
      onGpu(entry.label, async (gpu): Promise<BenchResult[]> => {
        const software = gpu.adapter.isSoftware;
        const batch = software ? batches.software : batches.gpu;
        const options: ThroughputOptions = {
          trainingBatch: batch,
          inferenceBatch: batch,
          warmup: software ? 0 : 3,
          repeats: software ? 1 : 10,
          synchronize: () => gpu.synchronize(),
        };
        const throughput = await measureClassifier(entry, gpu, options);
        const note = software ? `${adapterNote(gpu)}, one run without warm-up` : adapterNote(gpu);
        return throughputRows(entry, options, throughput, { backend: 'webgpu', note });
      }),
  };
}

/**
 * The WebGPU rows of ResNet-18 (CIFAR), ResNet-50 and ViT-S/16 (224x224), next to their CPU rows
 * in packages/models/bench/benchmarks.ts (this package may import model code; @mmpt/models does not
 * import @mmpt/gpu).
 */
export const webgpuModelBenchmarks: Benchmark[] = [
  webgpuModelBenchmark(RESNET18_CIFAR, { gpu: 64, software: 4 }),
  webgpuModelBenchmark(RESNET50, { gpu: 32, software: 1 }),
  webgpuModelBenchmark(VIT_SMALL, { gpu: 32, software: 1 }),
];
