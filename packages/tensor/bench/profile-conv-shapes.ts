/**
 * The three convolution kernels on every convolution shape of ResNet-18 (CIFAR, batch 64), with
 * their GFLOP/s and the totals weighted by how often each shape occurs in the network. Not part of
 * `pnpm bench`.
 *
 *     npx tsx --experimental-wasm-relaxed-simd --conditions=@mmpt/source packages/tensor/bench/profile-conv-shapes.ts
 *
 * Environment: THREADS (default all cores), ONLY (a substring of the shape names), and CPU_TIME=1
 * to time by the process's CPU use (meaningful with THREADS=1) instead of the wall clock.
 */
import { performance } from 'node:perf_hooks';
import { createCpuBackend, randn, runKernel1 } from '../src/index.ts';

const threads = process.env.THREADS ? Number(process.env.THREADS) : undefined;
const backend = createCpuBackend(threads === undefined ? {} : { threads });
const batch = 64;
const shapes = [
  { name: 'stem 3->64 32', cin: 3, cout: 64, size: 32, k: 3, stride: 1, count: 1 },
  { name: 'l1 64->64 32', cin: 64, cout: 64, size: 32, k: 3, stride: 1, count: 4 },
  { name: 'l2a 64->128 s2', cin: 64, cout: 128, size: 32, k: 3, stride: 2, count: 1 },
  { name: 'l2 128->128 16', cin: 128, cout: 128, size: 16, k: 3, stride: 1, count: 3 },
  { name: 'l2ds 1x1 s2', cin: 64, cout: 128, size: 32, k: 1, stride: 2, count: 1 },
  { name: 'l3a 128->256 s2', cin: 128, cout: 256, size: 16, k: 3, stride: 2, count: 1 },
  { name: 'l3 256->256 8', cin: 256, cout: 256, size: 8, k: 3, stride: 1, count: 3 },
  { name: 'l3ds 1x1 s2', cin: 128, cout: 256, size: 16, k: 1, stride: 2, count: 1 },
  { name: 'l4a 256->512 s2', cin: 256, cout: 512, size: 8, k: 3, stride: 2, count: 1 },
  { name: 'l4 512->512 4', cin: 512, cout: 512, size: 4, k: 3, stride: 1, count: 3 },
  { name: 'l4ds 1x1 s2', cin: 256, cout: 512, size: 8, k: 1, stride: 2, count: 1 },
];
const only = process.env.ONLY;
const totals = { forward: 0, input: 0, filter: 0 };
for (const shape of shapes) {
  if (only && !shape.name.includes(only)) continue;
  const pad = shape.k === 3 ? 1 : 0;
  const out = Math.floor((shape.size + 2 * pad - shape.k) / shape.stride) + 1;
  const attributes = { stride: [shape.stride, shape.stride] as [number, number], padding: [pad, pad] as [number, number], dilation: [1, 1] as [number, number], groups: 1 };
  const x = randn([batch, shape.cin, shape.size, shape.size], { backend });
  const w = randn([shape.cout, shape.cin, shape.k, shape.k], { backend });
  const dy = randn([batch, shape.cout, out, out], { backend });
  const flops = 2 * batch * shape.cout * shape.cin * shape.k * shape.k * out * out;
  const time = (fn: () => void): number => {
    fn();
    const values: number[] = [];
    for (let repeat = 0; repeat < 5; repeat++) {
      const cpu = process.env.CPU_TIME !== undefined;
      const startCpu = process.cpuUsage();
      const start = performance.now();
      fn();
      values.push(cpu ? process.cpuUsage(startCpu).user / 1000 : performance.now() - start);
    }
    values.sort((a, b) => a - b);
    return values[2] as number;
  };
  const forward = time(() => runKernel1('conv2d', [x, w], { shape: dy.shape, dtype: 'float32' }, attributes).dispose());
  const input = time(() => runKernel1('conv2dBackwardInput', [dy, w], { shape: x.shape, dtype: 'float32' }, attributes).dispose());
  const filter = time(() => runKernel1('conv2dBackwardFilter', [x, dy], { shape: w.shape, dtype: 'float32' }, attributes).dispose());
  totals.forward += forward * shape.count;
  totals.input += input * shape.count;
  totals.filter += filter * shape.count;
  const rate = (ms: number) => (flops / ms / 1e6).toFixed(1).padStart(6);
  console.log(`${shape.name.padEnd(18)} x${shape.count} fwd ${forward.toFixed(1).padStart(7)} ms ${rate(forward)} GF/s | bwdIn ${input.toFixed(1).padStart(7)} ms ${rate(input)} | bwdW ${filter.toFixed(1).padStart(7)} ms ${rate(filter)}`);
  x.dispose();
  w.dispose();
  dy.dispose();
}
console.log(`totals (ms, weighted by count): forward ${totals.forward.toFixed(0)} backward input ${totals.input.toFixed(0)} filter ${totals.filter.toFixed(0)}`);
backend.dispose();
