import { describe, expect, it } from 'vitest';
import { resolveGemm } from './gemm-params';
import type { GemmParams } from './gemm-params';
import { planGemm } from './plan-gemm';

const blocking = { mc: 128, kc: 256, nc: 1024 };
const capacity = 2 ** 32;

function plan(params: Omit<GemmParams, 'a' | 'b' | 'c'>, threads: number) {
  return planGemm(resolveGemm({ a: 64, b: 64, c: 64, ...params }, capacity), threads, blocking);
}

describe('planGemm', () => {
  it('runs small GEMMs on one thread', () => {
    expect(plan({ m: 32, n: 32, k: 32 }, 2).threads).toBe(1);
    expect(plan({ m: 1024, n: 1024, k: 1024 }, 1).threads).toBe(1);
  });

  it('keeps column blocks wide when row blocks give every thread work', () => {
    // The packed B slab (all of k) is capped at 2^19 floats: 512 columns at k = 1024.
    expect(plan({ m: 1024, n: 1024, k: 1024 }, 2)).toEqual({
      threads: 2,
      mcBlock: 128,
      kcBlock: 256,
      ncBlock: 512,
      scratchBytes: 256 + 4 * 128 * 256 + 4 * 1024 * 512,
    });
    expect(plan({ m: 1024, n: 512, k: 256 }, 2).ncBlock).toBe(512);
  });

  it('cuts column blocks when there are too few row blocks for the threads', () => {
    // One row block: 8 column items of 128 columns for 2 threads.
    expect(plan({ m: 64, n: 1024, k: 576 }, 2).ncBlock).toBe(128);
    // Column blocks never get narrower than 32.
    expect(plan({ m: 8, n: 100, k: 4000 }, 2).ncBlock).toBe(32);
  });

  it('counts batches as work items', () => {
    expect(plan({ m: 64, n: 64, k: 64, batch: 64 }, 2)).toMatchObject({ threads: 2, ncBlock: 64 });
  });

  it('bounds the packed B slab by its budget for deep GEMMs', () => {
    expect(plan({ m: 512, n: 512, k: 10000 }, 1).ncBlock).toBe(48);
    expect(plan({ m: 4, n: 4, k: 10 ** 6 }, 1).ncBlock).toBe(8);
  });

  it('never uses more threads than work items', () => {
    expect(plan({ m: 4, n: 16, k: 20000 }, 8).threads).toBeLessThanOrEqual(1);
  });
});
