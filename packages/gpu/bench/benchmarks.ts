import type { BenchResult, Benchmark } from '../../../scripts/bench/harness.ts';
import { measure } from '../../../scripts/bench/harness.ts';
import {
  Generator,
  type Parameter,
  type Sequential,
  type Tensor,
  conv2d,
  crossEntropy,
  matmul,
  randint,
  randn,
  tidy,
} from '@mmpt/tensor';
import type { WebGpuBackend } from '../src/index.ts';
import { lenet5, resnet18Cifar, sgdStep } from '../src/test-support/reference-models.ts';
import { webgpuModelBenchmarks } from './model-benchmarks.ts';
import { adapterNote, onGpu } from './on-gpu.ts';

/** Timed runs: fewer on software adapters, where one 4096³ product takes tens of seconds. */
function runs(gpu: WebGpuBackend, work: number): { warmup: number; repeats: number } {
  if (!gpu.adapter.isSoftware) return { warmup: 2, repeats: 7 };
  return work > 2e10 ? { warmup: 1, repeats: 1 } : { warmup: 1, repeats: 3 };
}

function matmulBenchmark(size: number): Benchmark {
  return {
    name: `webgpu matmul ${size}x${size}x${size}`,
    run: () =>
      onGpu(`matmul ${size}`, async (gpu) => {
        const a = randn([size, size], { backend: gpu });
        const b = randn([size, size], { backend: gpu });
        await gpu.synchronize();
        const flops = 2 * size ** 3;
        const seconds = await measure(async () => {
          tidy(() => matmul(a, b));
          await gpu.synchronize();
        }, runs(gpu, flops));
        a.dispose();
        b.dispose();
        return [{ bench: `matmul ${size}x${size}x${size}`, backend: 'webgpu', metric: 'GFLOP/s', value: flops / seconds / 1e9, note: adapterNote(gpu) }];
      }),
  };
}

/** The 3×3 64→64 convolution on 32×32 inputs, batch 64 (MEASUREMENTS.md's shape). */
const convBenchmark: Benchmark = {
  name: 'webgpu conv3x3 64->64 32x32 batch 64',
  run: () =>
    onGpu('conv', async (gpu) => {
      const x = randn([64, 64, 32, 32], { backend: gpu, requiresGrad: true });
      const w = randn([64, 64, 3, 3], { backend: gpu, requiresGrad: true });
      await gpu.synchronize();
      const flops = 2 * 64 * 64 * 9 * 32 * 32 * 64;
      const forward = await measure(async () => {
        tidy(() => conv2d(x, w, null, { padding: 1 }));
        await gpu.synchronize();
      }, runs(gpu, flops));
      const step = await measure(async () => {
        tidy(() => conv2d(x, w, null, { padding: 1 }).sum().backward());
        await gpu.synchronize();
        x.grad?.dispose();
        w.grad?.dispose();
        x.grad = null;
        w.grad = null;
      }, runs(gpu, 3 * flops));
      x.dispose();
      w.dispose();
      const bench = 'conv3x3 64->64 32x32 batch 64';
      return [
        { bench: `${bench} forward`, backend: 'webgpu', metric: 'GFLOP/s', value: flops / forward / 1e9, note: adapterNote(gpu) },
        { bench: `${bench} forward+backward`, backend: 'webgpu', metric: 'GFLOP/s', value: (3 * flops) / step / 1e9, note: adapterNote(gpu) },
      ];
    }),
};

/**
 * Images per second of SGD training steps (forward, cross-entropy, backward, momentum update,
 * loss read back), with a smaller batch on software adapters.
 */
function trainingBenchmark(
  name: string,
  build: (gpu: WebGpuBackend, generator: Generator) => Sequential,
  image: [number, number, number],
  batches: { gpu: number; software: number },
): Benchmark {
  return {
    name: `webgpu training ${name}`,
    run: () =>
      onGpu(name, async (gpu) => {
        const generator = new Generator(0);
        const model = build(gpu, generator);
        const batch = gpu.adapter.isSoftware ? batches.software : batches.gpu;
        const images = randn([batch, ...image], { backend: gpu, generator });
        const labels = randint(0, 10, [batch], { backend: gpu, generator });
        const velocities = new Map<Parameter, Tensor>();
        const step = async () => {
          const loss = tidy(() => crossEntropy(model.forward(images), labels));
          loss.backward();
          sgdStep(model.parameters(), velocities, 0.01, 0.9);
          model.zeroGrad();
          await loss.data();
          loss.dispose();
        };
        const seconds = await measure(step, gpu.adapter.isSoftware ? { warmup: 1, repeats: 2 } : { warmup: 3, repeats: 10 });
        for (const velocity of velocities.values()) velocity.dispose();
        images.dispose();
        labels.dispose();
        model.dispose();
        return [{ bench: `${name} training, batch ${batch}`, backend: 'webgpu', metric: 'img/s', value: batch / seconds, note: adapterNote(gpu) }];
      }),
  };
}

/** The WebGPU benchmarks: `pnpm bench webgpu` once wired into the root script. */
export const webgpuBenchmarks: Benchmark[] = [
  matmulBenchmark(1024),
  matmulBenchmark(4096),
  convBenchmark,
  trainingBenchmark('LeNet-5', lenet5, [1, 28, 28], { gpu: 128, software: 128 }),
  // On a software adapter one ResNet-18 step of batch 64 takes many minutes: a small batch shows the kernels run.
  trainingBenchmark('ResNet-18 (CIFAR)', resnet18Cifar, [3, 32, 32], { gpu: 64, software: 4 }),
  ...webgpuModelBenchmarks,
];
