import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CpuHeap } from './cpu-heap';
import { kernelsSimdBytes } from './kernels-simd.wasm';
import { ThreadPool } from './thread-pool';
import { wasm } from './webassembly';

const module = new wasm.Module(kernelsSimdBytes());

/** im2col arguments copying a 1x4x4 image at `input` into a 16-float column at `col`. */
function copyArguments(input: number, col: number): number[] {
  return [input, col, 1, 1, 4, 4, 1, 1, 0, 0, 1, 1, 1, 1, 4, 4, 16, 16];
}

function createPool(threads: number, spin?: number): { pool: ThreadPool; heap: CpuHeap } {
  const heap = new CpuHeap({ initialBytes: 1024 * 1024 });
  const pool = new ThreadPool({
    threads,
    module,
    memory: heap.memory,
    functionNames: ['im2col', 'col2im'],
    ...(spin === undefined ? {} : { spin }),
  });
  return { pool, heap };
}

describe('ThreadPool', () => {
  it('runs one share per thread on the shared memory', () => {
    const { pool, heap } = createPool(3);
    try {
      const inputs = [0, 1, 2].map((share) => {
        const offset = heap.allocate(64);
        heap.float32(offset, 16).set(Array.from({ length: 16 }, (_, index) => share * 100 + index));
        return offset;
      });
      const outputs = inputs.map(() => heap.allocate(64));
      for (let repeat = 0; repeat < 20; repeat++) {
        for (const output of outputs) heap.float32(output, 16).fill(-1);
        pool.run(
          'im2col',
          inputs.map((input, share) => copyArguments(input, outputs[share]!)),
        );
        outputs.forEach((output, share) => {
          expect(heap.float32(output, 16)[15]).toBe(share * 100 + 15);
        });
      }
    } finally {
      pool.dispose();
    }
  });

  it('withdraws cooperative shares that no worker has started, and stays in step', () => {
    // With no spinning, workers sleep between jobs and are often withdrawn before they wake.
    const { pool, heap } = createPool(3, 0);
    try {
      const input = heap.allocate(64);
      const output = heap.allocate(64);
      for (let repeat = 0; repeat < 100; repeat++) {
        heap.float32(input, 16).fill(repeat);
        const args = copyArguments(input, output);
        if (repeat % 3 === 2) pool.run('im2col', [args, args, args]);
        else pool.run('im2col', [args, args, args], true);
        expect(heap.float32(output, 16)[7]).toBe(repeat);
      }
    } finally {
      pool.dispose();
    }
  });

  it('reports a trap in a worker as an Error and stays usable', () => {
    const { pool, heap } = createPool(2);
    try {
      const input = heap.allocate(64);
      const output = heap.allocate(64);
      const outOfBounds = heap.stats().capacityBytes + 4096;
      expect(() =>
        pool.run('im2col', [copyArguments(input, output), copyArguments(outOfBounds, output)]),
      ).toThrow(
        'ThreadPool: "im2col" failed on worker thread 1: RuntimeError: memory access out of bounds',
      );
      heap.float32(input, 16).fill(3);
      pool.run('im2col', [copyArguments(input, output), copyArguments(input, output)]);
      expect(heap.float32(output, 16)[0]).toBe(3);
    } finally {
      pool.dispose();
    }
  });

  it('rethrows a trap on the calling thread after the workers finish', () => {
    const { pool, heap } = createPool(2);
    try {
      const input = heap.allocate(64);
      const output = heap.allocate(64);
      const outOfBounds = heap.stats().capacityBytes + 4096;
      expect(() =>
        pool.run('im2col', [copyArguments(outOfBounds, output), copyArguments(input, output)]),
      ).toThrow('memory access out of bounds');
      pool.run('im2col', [copyArguments(input, output)]);
    } finally {
      pool.dispose();
    }
  });

  it('throws instead of hanging when a worker has died', async () => {
    const { pool, heap } = createPool(2);
    try {
      const input = heap.allocate(64);
      const output = heap.allocate(64);
      pool.run('im2col', [copyArguments(input, output), copyArguments(input, output)]);
      const workers = (pool as unknown as { workers: Worker[] }).workers;
      await workers[0]!.terminate();
      expect(() =>
        pool.run('im2col', [copyArguments(input, output), copyArguments(input, output)]),
      ).toThrow('ThreadPool: worker thread 1 exited while running "im2col"');
      expect(() => pool.run('im2col', [copyArguments(input, output)])).toThrow(
        'ThreadPool: the pool is unusable: worker thread 1 exited while running "im2col"',
      );
    } finally {
      pool.dispose();
    }
  });

  it('rejects unknown functions, too many shares and use after dispose', () => {
    const { pool } = createPool(2);
    expect(() => pool.run('gemm', [[]])).toThrow('ThreadPool: unknown function "gemm"');
    expect(() => pool.run('im2col', [[], [], []])).toThrow(
      'ThreadPool: 3 shares for 2 threads (at most one share per thread)',
    );
    pool.dispose();
    pool.dispose();
    expect(() => pool.run('im2col', [[]])).toThrow('ThreadPool: the pool has been disposed');
  });

  it('rejects a module without the requested export', () => {
    const heap = new CpuHeap({ initialBytes: 64 * 1024 });
    expect(
      () => new ThreadPool({ threads: 1, module, memory: heap.memory, functionNames: ['nope'] }),
    ).toThrow('ThreadPool: the module has no exported function "nope"');
  });
});
