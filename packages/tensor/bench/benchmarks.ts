import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { measure } from '../../../scripts/bench/harness.ts';
import { conv2d, createCpuBackend, matmul, randn, sum, tidy } from '../src/index.ts';
import { gemmReference } from '../src/cpu/compute/index.ts';

function matmulBenchmark(size: number, threads: number | undefined): Benchmark {
  return {
    name: `matmul ${size}x${size}x${size}${threads === 1 ? ' 1 thread' : ''}`,
    run: async (): Promise<BenchResult[]> => {
      const backend = createCpuBackend(threads === undefined ? {} : { threads });
      const a = randn([size, size], { backend });
      const b = randn([size, size], { backend });
      const seconds = await measure(() => tidy(() => matmul(a, b)), { warmup: 3, repeats: 9 });
      a.dispose();
      b.dispose();
      const result: BenchResult = {
        bench: `matmul ${size}x${size}x${size}`,
        backend: 'cpu',
        metric: 'GFLOP/s',
        value: (2 * size ** 3) / seconds / 1e9,
        threads: backend.threads,
        note: `WASM SIMD${backend.compute.relaxedSimd ? ' (relaxed FMA)' : ''}`,
      };
      backend.dispose();
      return [result];
    },
  };
}

const referenceMatmul: Benchmark = {
  name: 'matmul 512x512x512 plain TypeScript',
  run: async () => {
    const size = 512;
    const a = Float32Array.from({ length: size * size }, () => Math.random());
    const b = Float32Array.from({ length: size * size }, () => Math.random());
    const c = new Float32Array(size * size);
    const seconds = await measure(() => gemmReference({ a, b, c, m: size, n: size, k: size }), { warmup: 1, repeats: 3 });
    return [{ bench: 'matmul 512x512x512', backend: 'cpu', metric: 'GFLOP/s', value: (2 * size ** 3) / seconds / 1e9, threads: 1, note: 'plain TypeScript reference loops' }];
  },
};

/** conv2d 3x3, 64 to 64 channels, 32x32, batch 64 (the ResNet-18 CIFAR stage-1 shape). */
const convBenchmark: Benchmark = {
  name: 'conv2d 3x3 64->64 32x32 batch 64',
  run: async (): Promise<BenchResult[]> => {
    const backend = createCpuBackend();
    const x = randn([64, 64, 32, 32], { backend, requiresGrad: true });
    const w = randn([64, 64, 3, 3], { backend, requiresGrad: true });
    const flops = 2 * 64 * 64 * 32 * 32 * 64 * 9;
    const forward = await measure(() => tidy(() => conv2d(x, w, null, { padding: 1 })), { warmup: 2, repeats: 7 });
    const both = await measure(
      () =>
        tidy(() => {
          const y = conv2d(x, w, null, { padding: 1 });
          sum(y).backward();
          x.grad?.dispose();
          w.grad?.dispose();
          x.grad = null;
          w.grad = null;
        }),
      { warmup: 2, repeats: 7 },
    );
    x.dispose();
    w.dispose();
    const threads = backend.threads;
    backend.dispose();
    const bench = 'conv2d 3x3 64->64 32x32 batch 64';
    return [
      { bench: `${bench} forward`, backend: 'cpu', metric: 'GFLOP/s', value: flops / forward / 1e9, threads, note: `${(forward * 1000).toFixed(1)} ms` },
      { bench: `${bench} forward+backward`, backend: 'cpu', metric: 'GFLOP/s', value: (3 * flops) / both / 1e9, threads, note: `${(both * 1000).toFixed(1)} ms per step` },
    ];
  },
};

/** The benchmarks of `@mmpt/tensor`. */
export const tensorBenchmarks: Benchmark[] = [matmulBenchmark(1024, undefined), matmulBenchmark(1024, 1), referenceMatmul, convBenchmark];
