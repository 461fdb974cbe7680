/**
 * GEMM throughput of the CPU compute core: GFLOP/s (2*m*n*k per second, median of several runs
 * after warm-up) for the plain-SIMD and relaxed-SIMD kernels on 1 and 2 threads, and for the
 * plain TypeScript reference.
 *
 *     npx tsx packages/tensor/scripts/bench-gemm.ts [size] [--runs N] [--shapes]
 *     node --experimental-wasm-relaxed-simd --import tsx packages/tensor/scripts/bench-gemm.ts
 *
 * Without the flag, Node 20 has no relaxed SIMD and those rows are skipped. `--shapes` adds
 * the transposed layouts and a few network-shaped problems.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createCpuCompute } from '../src/cpu/compute/cpu-compute';
import type { CpuCompute } from '../src/cpu/compute/cpu-compute';
import { detectRelaxedSimd } from '../src/cpu/compute/detect-relaxed-simd';
import type { GemmParams } from '../src/cpu/compute/gemm-params';
import { gemmReference } from '../src/cpu/compute/gemm-reference';

interface Shape {
  label: string;
  m: number;
  n: number;
  k: number;
  transA?: boolean;
  transB?: boolean;
  batch?: number;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function fillRandom(values: Float32Array, seed: number): void {
  let state = seed >>> 0;
  for (let index = 0; index < values.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[index] = state / 2 ** 32 - 0.5;
  }
}

/** Busy and total CPU time of the whole machine in clock ticks (Linux), or undefined. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Measures how much CPU other processes used while `body` ran, in cores (0.1 = a tenth of one
 * core), so that a run disturbed by other work can be flagged. Undefined where /proc is missing.
 */
function otherLoad(body: () => void): number | undefined {
  const ticksPerSecond = 100;
  const before = machineTicks();
  const usageBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const usage = process.cpuUsage(usageBefore);
  const after = machineTicks();
  if (before === undefined || after === undefined) return undefined;
  const busySeconds = (after.busy - before.busy) / ticksPerSecond;
  const ownSeconds = (usage.user + usage.system) / 1e6;
  return Math.max(0, busySeconds - ownSeconds) / seconds;
}

/** Seconds one call takes. */
function timeCall(call: () => void): number {
  const start = process.hrtime.bigint();
  call();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Operands of one shape in one compute's heap, and the call that runs the GEMM on them. */
function prepare(compute: CpuCompute, shape: Shape): { call: () => void; release: () => void } {
  const { m, n, k } = shape;
  const batch = shape.batch ?? 1;
  const heap = compute.heap;
  const a = heap.allocate(4 * m * k * batch);
  const b = heap.allocate(4 * k * n * batch);
  const c = heap.allocate(4 * m * n * batch);
  fillRandom(heap.float32(a, m * k * batch), 1);
  fillRandom(heap.float32(b, k * n * batch), 2);
  const params: GemmParams = { a, b, c, m, n, k, batch };
  if (shape.transA !== undefined) params.transA = shape.transA;
  if (shape.transB !== undefined) params.transB = shape.transB;
  return {
    call: () => compute.gemm(params),
    release: () => {
      heap.free(a);
      heap.free(b);
      heap.free(c);
    },
  };
}

function referenceCall(shape: Shape): () => void {
  const { m, n, k } = shape;
  const a = new Float32Array(m * k);
  const b = new Float32Array(k * n);
  const c = new Float32Array(m * n);
  fillRandom(a, 1);
  fillRandom(b, 2);
  return () => gemmReference({ a, b, c, m, n, k });
}

function main(): void {
  const positional = process.argv
    .slice(2)
    .find((value, index, list) => /^\d+$/.test(value) && list[index - 1] !== '--runs');
  const size = positional === undefined ? 1024 : Number(positional);
  const runs = argument('--runs', 15);
  const shapes: Shape[] = [{ label: `${size}x${size}x${size}`, m: size, n: size, k: size }];
  if (process.argv.includes('--shapes')) {
    shapes.push(
      { label: `${size}^3 transA`, m: size, n: size, k: size, transA: true },
      { label: `${size}^3 transB`, m: size, n: size, k: size, transB: true },
      { label: 'conv 64x1024x576', m: 64, n: 1024, k: 576 },
      { label: 'linear 128x120x400 tB', m: 128, n: 120, k: 400, transB: true },
      { label: 'batch 64 of 64x64x64', m: 64, n: 64, k: 64, batch: 64 },
      { label: '256^3', m: 256, n: 256, k: 256 },
    );
  }
  const relaxedAvailable = detectRelaxedSimd();
  console.log(
    `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${availableParallelism()}`,
  );
  console.log(
    `relaxed SIMD ${relaxedAvailable ? 'available' : 'unavailable (run node with --experimental-wasm-relaxed-simd)'}; median of ${runs} rounds`,
  );
  const variants: { label: string; relaxedSimd: boolean; threads: number }[] = [];
  for (const relaxedSimd of relaxedAvailable ? [false, true] : [false]) {
    for (const threads of [1, 2]) {
      variants.push({ label: `${relaxedSimd ? 'relaxed' : 'plain'} SIMD, ${threads} thread${threads > 1 ? 's' : ''}`, relaxedSimd, threads });
    }
  }
  const computes = variants.map((variant) =>
    createCpuCompute({ threads: variant.threads, relaxedSimd: variant.relaxedSimd, initialBytes: 64 * 1024 * 1024 }),
  );
  for (const shape of shapes) {
    const batch = shape.batch ?? 1;
    const flops = 2 * shape.m * shape.n * shape.k * batch;
    // Calls long enough to time (about 20 ms at 50 GFLOP/s).
    const repeat = Math.max(1, Math.round(1e9 / flops));
    const prepared = computes.map((compute) => prepare(compute, shape));
    const seconds: number[][] = prepared.map(() => []);
    for (const { call } of prepared) for (let run = 0; run < 3 * repeat; run++) call();
    // Rounds visit every variant in turn, so load from other processes hits them alike.
    const others = otherLoad(() => {
      for (let round = 0; round < runs; round++) {
        prepared.forEach(({ call }, index) => {
          seconds[index]!.push(timeCall(() => {
            for (let run = 0; run < repeat; run++) call();
          }) / repeat);
        });
      }
    });
    const disturbed = others !== undefined && others > 0.1;
    console.log(
      `\n${shape.label}` +
        (others === undefined ? '' : `  (other processes used ${others.toFixed(2)} cores${disturbed ? ': DISTURBED, rerun when the machine is idle' : ''})`),
    );
    variants.forEach((variant, index) => {
      const rate = flops / median(seconds[index]!) / 1e9;
      console.log(`  ${variant.label.padEnd(26)} ${rate.toFixed(1).padStart(7)} GFLOP/s`);
    });
    for (const { release } of prepared) release();
    if (batch === 1 && !shape.transA && !shape.transB) {
      const call = referenceCall(shape);
      call();
      const reference: number[] = [];
      for (let run = 0; run < 3; run++) reference.push(timeCall(call));
      console.log(`  ${'plain TypeScript reference'.padEnd(26)} ${(flops / median(reference) / 1e9).toFixed(2).padStart(7)} GFLOP/s`);
    }
  }
  for (const compute of computes) compute.dispose();
}

main();
