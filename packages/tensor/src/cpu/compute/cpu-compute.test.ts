import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuCompute } from './cpu-compute';
import type { CpuCompute, CpuComputeOptions } from './cpu-compute';
import { detectRelaxedSimd } from './detect-relaxed-simd';
import type { GemmParams } from './gemm-params';
import { gemmReference } from './gemm-reference';

// Node 20 ships relaxed SIMD behind a flag; turning it on in this test process lets both kernel
// variants be tested. (Engines that ship it enabled ignore this.)
setFlagsFromString('--experimental-wasm-relaxed-simd');

/** A GEMM test case: GemmParams without the offsets. */
type Case = Omit<GemmParams, 'a' | 'b' | 'c'> & { label?: string };

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** Elements an operand spans: the last index touched + 1. */
function span(rows: number, columns: number, leading: number, batch: number, stride: number): number {
  if (rows === 0 || columns === 0 || batch === 0) return 0;
  return (batch - 1) * stride + (rows - 1) * leading + columns;
}

/** Runs one case through `compute.gemm` and through gemmReference and compares all of C. */
function check(compute: CpuCompute, spec: Case, seed = 1): void {
  const { m, n, k } = spec;
  const transA = spec.transA ?? false;
  const transB = spec.transB ?? false;
  const lda = spec.lda ?? (transA ? m : k);
  const ldb = spec.ldb ?? (transB ? k : n);
  const ldc = spec.ldc ?? n;
  const batch = spec.batch ?? 1;
  const strideA = spec.strideA ?? m * k;
  const strideB = spec.strideB ?? k * n;
  const strideC = spec.strideC ?? m * n;
  const beta = spec.beta ?? 0;
  const aLength = span(transA ? k : m, transA ? m : k, lda, batch, strideA);
  const bLength = span(transB ? n : k, transB ? k : n, ldb, batch, strideB);
  const cLength = span(m, n, ldc, batch, strideC);
  const next = random(seed);
  const a = Float32Array.from({ length: aLength }, next);
  const b = Float32Array.from({ length: bLength }, next);
  // With beta = 0, C starts as NaN: it must be overwritten, not read.
  const c = Float32Array.from({ length: cLength }, () => (beta === 0 ? NaN : next()));
  const heap = compute.heap;
  const aOffset = heap.allocate(4 * aLength);
  const bOffset = heap.allocate(4 * bLength);
  const cOffset = heap.allocate(4 * cLength);
  heap.float32(aOffset, aLength).set(a);
  heap.float32(bOffset, bLength).set(b);
  heap.float32(cOffset, cLength).set(c);
  const { label: _label, ...params } = spec;
  compute.gemm({ ...params, a: aOffset, b: bOffset, c: cOffset });
  const expected = c.slice();
  gemmReference({ ...params, a, b, c: expected });
  const actual = heap.float32(cOffset, cLength).slice();
  heap.free(aOffset);
  heap.free(bOffset);
  heap.free(cOffset);
  const scale = Math.abs(spec.alpha ?? 1) + Math.abs(beta) + 1;
  const tolerance = 2e-6 * (k + 4) * scale;
  let worst = 0;
  let worstIndex = -1;
  for (let index = 0; index < cLength; index++) {
    const want = expected[index]!;
    const got = actual[index]!;
    // Elements between rows/batches (padding) keep their value (NaN stays NaN).
    const error = Number.isNaN(want) ? (Number.isNaN(got) ? 0 : Infinity) : Math.abs(got - want);
    if (!(error <= worst)) {
      worst = error;
      worstIndex = index;
    }
  }
  expect(
    worst,
    `${spec.label ?? JSON.stringify(params)}: worst error at ${worstIndex}`,
  ).toBeLessThanOrEqual(tolerance);
}

const shapeCases: Case[] = [
  { m: 1, n: 1, k: 1 },
  { m: 1, n: 37, k: 19 },
  { m: 1, n: 300, k: 64 },
  { m: 19, n: 1, k: 23 },
  { m: 4, n: 8, k: 1 },
  { m: 5, n: 9, k: 2 },
  { m: 67, n: 129, k: 33 },
  { m: 64, n: 64, k: 64 },
  { m: 33, n: 17, k: 300, label: 'k spans two depth blocks' },
  { m: 130, n: 70, k: 40, label: 'm spans two row blocks' },
  { m: 3, n: 1100, k: 21, label: 'n spans two column blocks' },
  { m: 8, n: 2000, k: 40, label: 'wide: split by columns' },
];

const layoutCases: Case[] = [];
for (const transA of [false, true]) {
  for (const transB of [false, true]) {
    layoutCases.push({ m: 67, n: 129, k: 33, transA, transB });
    layoutCases.push({ m: 7, n: 13, k: 6, transA, transB });
    layoutCases.push({ m: 70, n: 75, k: 71, transA, transB, lda: 90, ldb: 101, ldc: 140 });
  }
}

const scalingCases: Case[] = [
  { m: 67, n: 129, k: 33, alpha: 0.5, beta: 1 },
  { m: 67, n: 129, k: 33, alpha: -2, beta: 0.25 },
  { m: 9, n: 10, k: 11, alpha: 3, beta: 1, transB: true },
  { m: 33, n: 17, k: 300, beta: 1, label: 'beta = 1 across two depth blocks' },
  { m: 6, n: 7, k: 0, beta: 0, label: 'k = 0, beta = 0 writes zeros over NaN' },
  { m: 6, n: 7, k: 0, beta: 2, label: 'k = 0, beta = 2 scales C' },
  { m: 0, n: 7, k: 5 },
  { m: 6, n: 0, k: 5 },
];

const batchCases: Case[] = [
  { m: 17, n: 23, k: 29, batch: 3 },
  { m: 17, n: 23, k: 29, batch: 4, transA: true },
  { m: 40, n: 40, k: 40, batch: 8, transB: true },
  { m: 17, n: 23, k: 29, batch: 3, strideA: 0, label: 'broadcast A' },
  { m: 17, n: 23, k: 29, batch: 5, strideB: 0, label: 'broadcast B, folded into one GEMM' },
  { m: 17, n: 23, k: 29, batch: 5, strideB: 0, transA: true, label: 'broadcast B with transA' },
  { m: 70, n: 64, k: 300, batch: 2, strideB: 0, ldc: 70, strideC: 70 * 70, label: 'broadcast B, padded C' },
  { m: 30, n: 30, k: 30, batch: 3, strideA: 0, strideB: 0, label: 'broadcast both' },
  { m: 12, n: 9, k: 8, batch: 0 },
];

const variants: { label: string; options: CpuComputeOptions }[] = [];
for (const relaxedSimd of detectRelaxedSimd() ? [false, true] : [false]) {
  for (const threads of [1, 2]) {
    variants.push({
      label: `${relaxedSimd ? 'relaxed' : 'plain'} SIMD, ${threads} thread${threads > 1 ? 's' : ''}`,
      options: { threads, relaxedSimd },
    });
  }
}
// Tiny blocks drive every blocking loop (several row, depth and column blocks) with small sizes.
variants.push({
  label: 'plain SIMD, 2 threads, tiny blocks',
  options: { threads: 2, relaxedSimd: false, blocking: { mc: 8, kc: 5, nc: 16 } },
});

describe.each(variants)('CpuCompute.gemm ($label)', ({ options }) => {
  const compute = createCpuCompute({ ...options, initialBytes: 4 * 1024 * 1024 });
  afterAll(() => compute.dispose());

  it('reports its configuration', () => {
    expect(compute.threads).toBe(options.threads);
    expect(compute.relaxedSimd).toBe(options.relaxedSimd);
  });

  it.each(shapeCases)('shape $m x $n x $k', (spec) => check(compute, spec));
  it.each(layoutCases)(
    'layout transA=$transA transB=$transB $m x $n x $k lda=$lda ldb=$ldb ldc=$ldc',
    (spec) => check(compute, spec),
  );
  it.each(scalingCases)('alpha=$alpha beta=$beta $m x $n x $k', (spec) => check(compute, spec));
  it.each(batchCases)('batch $batch strideA=$strideA strideB=$strideB $m x $n x $k', (spec) =>
    check(compute, spec),
  );

  it('keeps elements outside the m x n window of a padded C', () => {
    check(compute, { m: 9, n: 5, k: 4, ldc: 8, beta: 1 });
    check(compute, { m: 9, n: 5, k: 4, ldc: 8, beta: 0 });
  });
});

describe('createCpuCompute', () => {
  it('defaults to every available core and to the detected SIMD variant', () => {
    const compute = createCpuCompute({ initialBytes: 1024 * 1024 });
    try {
      expect(compute.threads).toBeGreaterThanOrEqual(1);
      expect(compute.relaxedSimd).toBe(detectRelaxedSimd());
    } finally {
      compute.dispose();
    }
  });

  it('grows the heap for operands larger than its initial size', () => {
    const compute = createCpuCompute({ threads: 2, relaxedSimd: false, initialBytes: 64 * 1024 });
    try {
      check(compute, { m: 300, n: 200, k: 100 });
      expect(compute.heap.stats().capacityBytes).toBeGreaterThan(64 * 1024);
    } finally {
      compute.dispose();
    }
  });

  it('validates its options', () => {
    expect(() => createCpuCompute({ threads: 0 })).toThrow(
      'createCpuCompute: threads must be an integer from 1 to 256, got 0',
    );
    expect(() => createCpuCompute({ threads: 1, blocking: { mc: 6 } })).toThrow(
      'createCpuCompute: blocking.mc must be a positive multiple of 4, got 6',
    );
    expect(() => createCpuCompute({ threads: 1, blocking: { nc: 12 } })).toThrow(
      'createCpuCompute: blocking.nc must be a positive multiple of 8, got 12',
    );
  });
});

describe('CpuCompute.gemm validation', () => {
  const compute = createCpuCompute({ threads: 1, initialBytes: 1024 * 1024 });
  afterAll(() => compute.dispose());
  const a = compute.heap.allocate(4 * 64);
  const b = compute.heap.allocate(4 * 64);
  const c = compute.heap.allocate(4 * 64);

  it('rejects misaligned offsets and bad sizes', () => {
    expect(() => compute.gemm({ a: a + 2, b, c, m: 2, n: 2, k: 2 })).toThrow(
      `gemm: a must be a non-negative byte offset that is a multiple of 4, got ${a + 2}`,
    );
    expect(() => compute.gemm({ a, b, c, m: -1, n: 2, k: 2 })).toThrow(
      'gemm: m must be an integer >= 0, got -1',
    );
    expect(() => compute.gemm({ a, b, c, m: 2, n: 2, k: 1.5 })).toThrow(
      'gemm: k must be an integer >= 0, got 1.5',
    );
  });

  it('rejects leading dimensions smaller than the rows they hold', () => {
    expect(() => compute.gemm({ a, b, c, m: 2, n: 3, k: 4, lda: 3 })).toThrow(
      'gemm: lda must be an integer >= 4, got 3',
    );
    expect(() => compute.gemm({ a, b, c, m: 2, n: 3, k: 4, transB: true, ldb: 2 })).toThrow(
      'gemm: ldb must be an integer >= 4, got 2',
    );
    expect(() => compute.gemm({ a, b, c, m: 2, n: 3, k: 4, ldc: 2 })).toThrow(
      'gemm: ldc must be an integer >= 3, got 2',
    );
  });

  it('rejects a batched C with stride 0', () => {
    expect(() => compute.gemm({ a, b, c, m: 2, n: 2, k: 2, batch: 2, strideC: 0 })).toThrow(
      'gemm: strideC must be an integer >= 1, got 0',
    );
  });

  it('rejects operands that reach past the end of the heap', () => {
    const capacity = compute.heap.stats().capacityBytes;
    const last = capacity - 16;
    expect(() => compute.gemm({ a: last, b, c, m: 4, n: 2, k: 4 })).toThrow(
      `gemm: operand A (byte offset ${last}, 16 elements) reaches byte ${last + 64}, past the end of the heap (${capacity} bytes)`,
    );
  });
});

describe('CpuCompute.dispose', () => {
  it('stops the compute; later calls throw and a second dispose is harmless', () => {
    const compute = createCpuCompute({ threads: 2, initialBytes: 1024 * 1024 });
    check(compute, { m: 80, n: 80, k: 80 });
    // The work counter and one scratch block per thread.
    expect(compute.heap.stats().allocations).toBe(3);
    compute.dispose();
    compute.dispose();
    expect(compute.heap.stats().allocations).toBe(0);
    expect(() => compute.gemm({ a: 64, b: 64, c: 64, m: 1, n: 1, k: 1 })).toThrow(
      'CpuCompute.gemm: the compute has been disposed',
    );
  });
});
