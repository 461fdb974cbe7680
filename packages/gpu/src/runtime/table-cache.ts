import type { BufferPool } from './buffer-pool';
import type { CommandRecorder } from './command-recorder';
import { TENSOR_USAGE } from './gpu-constants';
import { GpuStorage } from './gpu-storage';

/**
 * Lookup tables built on the host and kept on the GPU by key (interpolation taps and their
 * adjoints), so that a configuration uploads its table once. The least recently used table goes
 * back to the pool beyond `capacity` tables.
 */
export class TableCache {
  readonly #tables = new Map<string, GpuStorage>();

  constructor(
    private readonly pool: BufferPool,
    private readonly recorder: CommandRecorder,
    private readonly capacity: number,
  ) {}

  /** The table of `key`, built and uploaded on first use. */
  get(key: string, build: () => Uint32Array): GpuStorage {
    const cached = this.#tables.get(key);
    if (cached) {
      this.#tables.delete(key);
      this.#tables.set(key, cached);
      return cached;
    }
    const words = build();
    const storage = new GpuStorage(this.pool.acquire(Math.max(words.byteLength, 4), TENSOR_USAGE, `mmpt table ${key}`), 'int32', words.length, words.byteLength);
    if (words.length > 0) this.recorder.write(storage, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
    this.#tables.set(key, storage);
    if (this.#tables.size > this.capacity) {
      const [oldestKey, oldest] = this.#tables.entries().next().value as [string, GpuStorage];
      this.#tables.delete(oldestKey);
      this.recorder.release(oldest.pooled, oldest.lastWindow);
    }
    return storage;
  }

  destroy(): void {
    for (const table of this.#tables.values()) table.buffer.destroy();
    this.#tables.clear();
  }
}
