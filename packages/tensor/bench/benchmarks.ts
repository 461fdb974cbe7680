import type { Benchmark, BenchResult } from '../../../scripts/bench/harness.ts';
import { measure } from '../../../scripts/bench/harness.ts';
import { createCpuBackend, matmul, randn, tidy } from '../src/index.ts';
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

/** The benchmarks of `@mmpt/tensor`. */
export const tensorBenchmarks: Benchmark[] = [matmulBenchmark(1024, undefined), matmulBenchmark(1024, 1), referenceMatmul];
