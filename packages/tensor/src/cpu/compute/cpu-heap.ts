import { wasm } from './webassembly';
import type { WasmMemory } from './webassembly';

/** Bytes in one WebAssembly memory page. */
const PAGE_BYTES = 65536;
/** The most pages a 32-bit WebAssembly memory can have (4 GiB). */
const MAX_PAGES = 65536;
/** Largest heap: 4 GiB. */
const MAX_BYTES = MAX_PAGES * PAGE_BYTES;
/** Every allocation starts and ends on this boundary (one cache line, and any SIMD alignment). */
const ALIGNMENT = 64;
/** Bytes 0..RESERVED_BYTES-1 are never handed out, so offset 0 is never a valid allocation. */
const RESERVED_BYTES = 64;

/** Options of {@link CpuHeap}. */
export interface CpuHeapOptions {
  /** Initial size of the memory in bytes, rounded up to whole 64 KiB pages (default 16 MiB). */
  initialBytes?: number;
}

/** Numbers that describe a {@link CpuHeap}. */
export interface CpuHeapStats {
  /** Bytes held by live allocations (each rounded up to a multiple of 64, at least 64). */
  allocatedBytes: number;
  /** Current size of the underlying memory in bytes. */
  capacityBytes: number;
  /** Number of live allocations. */
  allocations: number;
}

/** A free range of the heap. */
interface FreeBlock {
  offset: number;
  size: number;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  return bytes >= MiB ? `${bytes} bytes (${(bytes / MiB).toFixed(1)} MiB)` : `${bytes} bytes`;
}

/**
 * Storage of all CPU tensors: one shared `WebAssembly.Memory` (up to 4 GiB) that the WASM
 * kernels import and that worker threads share, so kernels and threads read tensors with no
 * copies, plus a JS-side allocator over it.
 *
 * The allocator is best-fit over a list of free blocks sorted by offset; freed blocks merge
 * with free neighbours, so a loop that allocates and frees the same sizes reuses the same
 * ranges instead of growing the memory. When nothing fits, the memory grows (at least
 * doubling, capped at 4 GiB). Offsets are byte offsets, multiples of 64; offset 0 is never
 * returned.
 *
 * @example
 * ```ts
 * const heap = new CpuHeap();
 * const offset = heap.allocate(4 * 100);
 * heap.float32(offset, 100).fill(1);
 * heap.free(offset);
 * ```
 */
export class CpuHeap {
  /** The shared memory; kernels import it as `env.memory`. */
  readonly memory: WasmMemory;
  /** Live allocations: offset to rounded size. */
  private readonly live = new Map<number, number>();
  /** Free blocks, sorted by offset, never adjacent (adjacent blocks are merged). */
  private readonly freeBlocks: FreeBlock[] = [];
  private allocatedBytes = 0;

  constructor(options: CpuHeapOptions = {}) {
    const initialBytes = options.initialBytes ?? 16 * 1024 * 1024;
    if (!Number.isFinite(initialBytes) || initialBytes < 0 || initialBytes > MAX_BYTES) {
      throw new RangeError(
        `CpuHeap: initialBytes must be a number of bytes between 0 and 4 GiB, got ${initialBytes}`,
      );
    }
    const pages = Math.max(1, Math.ceil(initialBytes / PAGE_BYTES));
    this.memory = new wasm.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
    this.freeBlocks.push({ offset: RESERVED_BYTES, size: this.capacity - RESERVED_BYTES });
  }

  /** Current size of the memory in bytes. */
  get capacity(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Reserves `byteLength` bytes and returns their byte offset in {@link CpuHeap.memory}: a
   * multiple of 64, never 0. A length of 0 is allowed and gets its own offset (free it like
   * any other). The bytes are not cleared. Grows the memory when needed.
   *
   * @throws RangeError if `byteLength` is not a non-negative integer, or if the heap would
   *   exceed 4 GiB.
   */
  allocate(byteLength: number): number {
    if (!Number.isInteger(byteLength) || byteLength < 0) {
      throw new RangeError(
        `CpuHeap.allocate: byteLength must be a non-negative integer, got ${byteLength}`,
      );
    }
    const size = Math.max(ALIGNMENT, roundUp(byteLength, ALIGNMENT));
    let index = this.findBestFit(size);
    if (index < 0) {
      this.grow(size);
      index = this.findBestFit(size);
      if (index < 0) throw new Error('CpuHeap.allocate: internal error, no block after growth');
    }
    const block = this.freeBlocks[index] as FreeBlock;
    const offset = block.offset;
    if (block.size === size) {
      this.freeBlocks.splice(index, 1);
    } else {
      block.offset += size;
      block.size -= size;
    }
    this.live.set(offset, size);
    this.allocatedBytes += size;
    return offset;
  }

  /**
   * Releases an allocation made by {@link CpuHeap.allocate}; its bytes may be handed out again.
   *
   * @throws Error if `offset` is not a live allocation (never allocated, or already freed).
   */
  free(offset: number): void {
    const size = this.live.get(offset);
    if (size === undefined) {
      throw new Error(
        `CpuHeap.free: offset ${offset} is not a live allocation (double free or unknown offset)`,
      );
    }
    this.live.delete(offset);
    this.allocatedBytes -= size;
    this.insertFree(offset, size);
  }

  /** A Float32Array over `length` floats at byte `offset` (a multiple of 4) of the memory. */
  float32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  /** An Int32Array over `length` integers at byte `offset` (a multiple of 4) of the memory. */
  int32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  /** A Uint8Array over `length` bytes at byte `offset` of the memory. */
  uint8(offset: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, offset, length);
  }

  /** Bytes allocated, capacity and number of live allocations. */
  stats(): CpuHeapStats {
    return {
      allocatedBytes: this.allocatedBytes,
      capacityBytes: this.capacity,
      allocations: this.live.size,
    };
  }

  /** Index of the smallest free block of at least `size` bytes, or -1. */
  private findBestFit(size: number): number {
    let best = -1;
    let bestSize = Infinity;
    for (let index = 0; index < this.freeBlocks.length; index++) {
      const blockSize = (this.freeBlocks[index] as FreeBlock).size;
      if (blockSize >= size && blockSize < bestSize) {
        best = index;
        bestSize = blockSize;
        if (blockSize === size) break;
      }
    }
    return best;
  }

  /** Adds a free range, merging it with the free blocks right before and after it. */
  private insertFree(offset: number, size: number): void {
    const blocks = this.freeBlocks;
    let low = 0;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((blocks[middle] as FreeBlock).offset < offset) low = middle + 1;
      else high = middle;
    }
    const previous = blocks[low - 1];
    const next = blocks[low];
    if (previous !== undefined && previous.offset + previous.size === offset) {
      previous.size += size;
      if (next !== undefined && previous.offset + previous.size === next.offset) {
        previous.size += next.size;
        blocks.splice(low, 1);
      }
    } else if (next !== undefined && offset + size === next.offset) {
      next.offset = offset;
      next.size += size;
    } else {
      blocks.splice(low, 0, { offset, size });
    }
  }

  /** Grows the memory so that a block of `size` bytes fits at its end. */
  private grow(size: number): void {
    const capacity = this.capacity;
    const last = this.freeBlocks[this.freeBlocks.length - 1];
    const tailFree = last !== undefined && last.offset + last.size === capacity ? last.size : 0;
    const needed = capacity + size - tailFree;
    if (needed > MAX_BYTES) {
      throw new RangeError(
        `CpuHeap.allocate: cannot allocate ${formatBytes(size)}: the heap would need ` +
          `${formatBytes(needed)}, more than the 4 GiB limit of WebAssembly memory ` +
          `(${formatBytes(this.allocatedBytes)} in ${this.live.size} live allocations)`,
      );
    }
    const target = Math.min(MAX_BYTES, Math.max(needed, capacity * 2));
    const pages = Math.ceil(target / PAGE_BYTES) - capacity / PAGE_BYTES;
    try {
      this.memory.grow(pages);
    } catch (error) {
      // The system may refuse the doubling; retry with just what is needed.
      const minimum = Math.ceil(needed / PAGE_BYTES) - capacity / PAGE_BYTES;
      try {
        this.memory.grow(minimum);
      } catch {
        throw new RangeError(
          `CpuHeap.allocate: cannot grow the memory from ${formatBytes(capacity)} to ` +
            `${formatBytes(needed)}: ${(error as Error).message}`,
        );
      }
    }
    this.insertFree(capacity, this.capacity - capacity);
  }
}
