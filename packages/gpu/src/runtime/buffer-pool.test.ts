import { describe, expect, it } from 'vitest';
import { BufferPool, bucketSize } from './buffer-pool';

/** A stand-in for GPU buffers: records creation and destruction. */
function fakeBuffers() {
  const created: Array<{ size: number; label: string; destroyed: boolean }> = [];
  const createBuffer = (descriptor: GPUBufferDescriptor): GPUBuffer => {
    const record = { size: descriptor.size, label: descriptor.label ?? '', destroyed: false };
    created.push(record);
    return {
      get label() {
        return record.label;
      },
      set label(value: string) {
        record.label = value;
      },
      destroy: () => {
        record.destroyed = true;
      },
    } as unknown as GPUBuffer;
  };
  return { created, createBuffer };
}

describe('buffer pool', () => {
  it('rounds sizes to quarter-octave buckets of at least 256 bytes', () => {
    expect(bucketSize(1)).toBe(256);
    expect(bucketSize(256)).toBe(256);
    expect(bucketSize(257)).toBe(320);
    expect(bucketSize(1000)).toBe(1024);
    expect(bucketSize(1025)).toBe(1280);
    expect(bucketSize(3 * 2 ** 20 + 1)).toBe(3.5 * 2 ** 20);
    for (let bytes = 1; bytes < 1e7; bytes = Math.ceil(bytes * 1.37)) {
      expect(bucketSize(bytes)).toBeGreaterThanOrEqual(bytes);
      expect(bucketSize(bytes)).toBeLessThanOrEqual(Math.max(256, bytes * 1.25));
    }
  });

  it('reuses released buffers of the same bucket and usage only', () => {
    const { created, createBuffer } = fakeBuffers();
    const pool = new BufferPool(createBuffer, 1 << 20);
    const first = pool.acquire(1000, 1, 'a');
    pool.release(first);
    expect(pool.acquire(1000, 2, 'other usage')).not.toBe(first);
    expect(pool.acquire(5000, 1, 'other size')).not.toBe(first);
    const again = pool.acquire(900, 1, 'relabelled');
    expect(again).toBe(first);
    expect(created[0]!.label).toBe('relabelled');
    expect(pool.stats()).toMatchObject({ pooledBuffers: 0, pooledBytes: 0, created: 3, reused: 1 });
  });

  it('destroys released buffers beyond its byte budget or the peak in use, and all on clear', () => {
    const { created, createBuffer } = fakeBuffers();
    const pool = new BufferPool(createBuffer, 1024);
    pool.release(pool.acquire(1024, 1, 'a'));
    // In use at most 2048 bytes at once (b alone), but 1024 + 2048 would be pooled: b goes.
    pool.release(pool.acquire(2048, 1, 'b'));
    expect(created.map((record) => record.destroyed)).toEqual([false, true]);
    expect(pool.stats()).toMatchObject({ pooledBytes: 1024, peakInUseBytes: 2048 });
    pool.clear();
    expect(created.map((record) => record.destroyed)).toEqual([true, true]);
  });

  it('keeps as many bytes as were once in use together, so a repeated step creates nothing', () => {
    const { created, createBuffer } = fakeBuffers();
    const pool = new BufferPool(createBuffer, 1024);
    for (let step = 0; step < 3; step++) {
      const buffers = [pool.acquire(4096, 1, 'x'), pool.acquire(4096, 1, 'y'), pool.acquire(8192, 1, 'z')];
      for (const buffer of buffers) pool.release(buffer);
    }
    expect(created).toHaveLength(3);
    expect(created.every((record) => !record.destroyed)).toBe(true);
    expect(pool.stats()).toMatchObject({ created: 3, reused: 6, pooledBytes: 16384, peakInUseBytes: 16384 });
  });
});
