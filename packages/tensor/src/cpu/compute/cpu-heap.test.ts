import { describe, expect, it } from 'vitest';
import { CpuHeap } from './cpu-heap';

const MiB = 1024 * 1024;

describe('CpuHeap', () => {
  it('hands out distinct, non-overlapping offsets aligned to 64 bytes, never 0', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const sizes = [1, 64, 65, 100, 4096, 3, 0, 640];
    const blocks = sizes.map((size) => ({ offset: heap.allocate(size), size: Math.max(size, 1) }));
    for (const block of blocks) {
      expect(block.offset).toBeGreaterThan(0);
      expect(block.offset % 64).toBe(0);
    }
    const sorted = [...blocks].sort((x, y) => x.offset - y.offset);
    for (let index = 1; index < sorted.length; index++) {
      const previous = sorted[index - 1]!;
      expect(sorted[index]!.offset).toBeGreaterThanOrEqual(previous.offset + previous.size);
    }
  });

  it('allows zero-byte allocations that can be freed', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const first = heap.allocate(0);
    const second = heap.allocate(0);
    expect(first).not.toBe(second);
    expect(heap.uint8(first, 0).length).toBe(0);
    heap.free(first);
    heap.free(second);
    expect(heap.stats().allocations).toBe(0);
  });

  it('reports allocated bytes, capacity and live allocations', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    expect(heap.stats()).toEqual({ allocatedBytes: 0, capacityBytes: MiB, allocations: 0 });
    const offset = heap.allocate(100);
    heap.allocate(64);
    expect(heap.stats()).toEqual({ allocatedBytes: 128 + 64, capacityBytes: MiB, allocations: 2 });
    heap.free(offset);
    expect(heap.stats()).toEqual({ allocatedBytes: 64, capacityBytes: MiB, allocations: 1 });
  });

  it('reuses a freed block for the same size', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const keep = heap.allocate(1000);
    const offset = heap.allocate(5000);
    heap.allocate(1000);
    heap.free(offset);
    expect(heap.allocate(5000)).toBe(offset);
    expect(keep).toBeGreaterThan(0);
  });

  it('merges neighbouring free blocks', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const first = heap.allocate(640);
    const second = heap.allocate(640);
    const third = heap.allocate(640);
    heap.allocate(64);
    heap.free(first);
    heap.free(third);
    heap.free(second);
    expect(heap.allocate(3 * 640)).toBe(first);
  });

  it('does not grow in a loop that allocates and frees the same sizes', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const sizes = [4 * 1000, 4 * 64 * 64, 4 * 7, 4 * 30000, 4 * 1000];
    const capacities = new Set<number>();
    for (let step = 0; step < 200; step++) {
      const offsets = sizes.map((size) => heap.allocate(size));
      // Free in an order different from allocation, as a training step would.
      for (const index of [2, 0, 4, 1, 3]) heap.free(offsets[index]!);
      capacities.add(heap.stats().capacityBytes);
    }
    expect(capacities.size).toBe(1);
    expect(heap.stats().allocatedBytes).toBe(0);
  });

  it('grows the memory when needed, keeping data and earlier views valid', () => {
    const heap = new CpuHeap({ initialBytes: 64 * 1024 });
    const small = heap.allocate(16);
    const before = heap.float32(small, 4);
    before.set([1, 2, 3, 4]);
    const large = heap.allocate(3 * MiB);
    expect(heap.stats().capacityBytes).toBeGreaterThanOrEqual(3 * MiB + 64 * 2);
    expect(Array.from(heap.float32(small, 4))).toEqual([1, 2, 3, 4]);
    before[0] = 10;
    expect(heap.float32(small, 1)[0]).toBe(10);
    const view = heap.float32(large, 3 * 262144);
    view[view.length - 1] = 7;
    expect(heap.float32(large + 3 * MiB - 4, 1)[0]).toBe(7);
  });

  it('gives typed views over the same bytes', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const offset = heap.allocate(8);
    heap.int32(offset, 2).set([1, -1]);
    expect(Array.from(heap.uint8(offset, 8))).toEqual([1, 0, 0, 0, 255, 255, 255, 255]);
    heap.float32(offset, 1)[0] = 1;
    expect(heap.int32(offset, 1)[0]).toBe(0x3f800000);
  });

  it('rejects a double free or an unknown offset', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    const offset = heap.allocate(64);
    heap.free(offset);
    expect(() => heap.free(offset)).toThrow(
      `CpuHeap.free: offset ${offset} is not a live allocation (double free or unknown offset)`,
    );
    expect(() => heap.free(0)).toThrow(
      'CpuHeap.free: offset 0 is not a live allocation (double free or unknown offset)',
    );
  });

  it('rejects invalid sizes', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    expect(() => heap.allocate(-1)).toThrow(
      'CpuHeap.allocate: byteLength must be a non-negative integer, got -1',
    );
    expect(() => heap.allocate(1.5)).toThrow(
      'CpuHeap.allocate: byteLength must be a non-negative integer, got 1.5',
    );
    expect(() => new CpuHeap({ initialBytes: -5 })).toThrow(
      'CpuHeap: initialBytes must be a number of bytes between 0 and 4 GiB, got -5',
    );
  });

  it('refuses to exceed 4 GiB', () => {
    const heap = new CpuHeap({ initialBytes: MiB });
    heap.allocate(100);
    expect(() => heap.allocate(2 ** 32)).toThrow(
      'CpuHeap.allocate: cannot allocate 4294967296 bytes (4096.0 MiB): the heap would need ' +
        '4294967488 bytes (4096.0 MiB), more than the 4 GiB limit of WebAssembly memory ' +
        '(128 bytes in 1 live allocations)',
    );
    expect(heap.stats().capacityBytes).toBe(MiB);
  });
});
