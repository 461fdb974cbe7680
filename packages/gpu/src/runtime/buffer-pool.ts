/** A GPU buffer with the capacity of its size bucket. */
export interface PooledBuffer {
  readonly buffer: GPUBuffer;
  /** Bytes of the buffer (its bucket's size). */
  readonly capacity: number;
  readonly usage: number;
}

/** Smallest bucket, in bytes (also the storage offset alignment, so views never straddle). */
const MIN_BUCKET = 256;

/**
 * The bucket a request of `bytes` falls into: powers of two split into four steps
 * (1, 1.25, 1.5, 1.75 × 2^k), so at most a quarter of a buffer is slack.
 */
export function bucketSize(bytes: number): number {
  if (bytes <= MIN_BUCKET) return MIN_BUCKET;
  const power = 2 ** Math.floor(Math.log2(bytes));
  const step = power / 4;
  return Math.ceil(bytes / step) * step;
}

/** What the pool holds. */
export interface PoolStats {
  /** Buffers waiting for reuse. */
  pooledBuffers: number;
  /** Bytes of the buffers waiting for reuse. */
  pooledBytes: number;
  /** Buffers created since the pool was made. */
  created: number;
  /** Requests served from the pool. */
  reused: number;
  /** The most bytes that were acquired and not yet released at one time. */
  peakInUseBytes: number;
}

/**
 * Reusable GPU buffers keyed by usage and size bucket. A buffer is given back with
 * {@link BufferPool.release} only once no unsubmitted command uses it (the caller defers
 * releases until the submit); the queue orders later uses after earlier submits. The pool keeps
 * up to `maxPooledBytes` of released buffers, or up to the peak of bytes in use at one time when
 * that is more: a training loop whose steps need the same buffers again (gigabytes for a
 * ResNet-50 step) reuses them instead of creating, and Dawn clearing, new ones every step, while
 * memory stays within twice the peak. Beyond that, released buffers are destroyed.
 */
export class BufferPool {
  readonly #free = new Map<string, PooledBuffer[]>();
  #pooledBytes = 0;
  #pooledBuffers = 0;
  #created = 0;
  #reused = 0;
  #inUseBytes = 0;
  #peakInUseBytes = 0;

  constructor(
    private readonly createBuffer: (descriptor: GPUBufferDescriptor) => GPUBuffer,
    private readonly maxPooledBytes: number,
  ) {}

  /** A buffer of at least `bytes` with `usage`, from the pool or new (created with `label`). */
  acquire(bytes: number, usage: number, label: string): PooledBuffer {
    const capacity = bucketSize(bytes);
    this.#inUseBytes += capacity;
    this.#peakInUseBytes = Math.max(this.#peakInUseBytes, this.#inUseBytes);
    const list = this.#free.get(key(capacity, usage));
    const pooled = list?.pop();
    if (pooled) {
      this.#pooledBytes -= capacity;
      this.#pooledBuffers--;
      this.#reused++;
      pooled.buffer.label = label;
      return pooled;
    }
    this.#created++;
    return { buffer: this.createBuffer({ size: capacity, usage, label }), capacity, usage };
  }

  /** Gives a buffer back for reuse (or destroys it when the pool is full). */
  release(pooled: PooledBuffer): void {
    this.#inUseBytes -= pooled.capacity;
    if (this.#pooledBytes + pooled.capacity > Math.max(this.maxPooledBytes, this.#peakInUseBytes)) {
      pooled.buffer.destroy();
      return;
    }
    const name = key(pooled.capacity, pooled.usage);
    let list = this.#free.get(name);
    if (!list) {
      list = [];
      this.#free.set(name, list);
    }
    list.push(pooled);
    this.#pooledBytes += pooled.capacity;
    this.#pooledBuffers++;
  }

  /** Destroys every pooled buffer. */
  clear(): void {
    for (const list of this.#free.values()) for (const pooled of list) pooled.buffer.destroy();
    this.#free.clear();
    this.#pooledBytes = 0;
    this.#pooledBuffers = 0;
  }

  stats(): PoolStats {
    return { pooledBuffers: this.#pooledBuffers, pooledBytes: this.#pooledBytes, created: this.#created, reused: this.#reused, peakInUseBytes: this.#peakInUseBytes };
  }
}

function key(capacity: number, usage: number): string {
  return `${usage}:${capacity}`;
}
