import type { DType, Shape } from '@mmpt/tensor';
import type { PooledBuffer } from './buffer-pool';

/** The storage of one tensor on the GPU: a pooled buffer and what it holds. */
export class GpuStorage {
  /** The submit window of the last command that used the buffer (-1: none yet). */
  lastWindow = -1;
  /** Whether the buffer went back to the pool. */
  freed = false;

  constructor(
    readonly pooled: PooledBuffer,
    readonly dtype: DType,
    readonly size: number,
    /** Bytes holding the elements, rounded up to a multiple of 4. */
    readonly byteLength: number,
  ) {}

  get buffer(): GPUBuffer {
    return this.pooled.buffer;
  }

  /** Bytes to bind: the elements (at least 4, as a binding may not be empty). */
  get bindingSize(): number {
    return Math.max(this.byteLength, 4);
  }
}

/** A tensor as a GPU kernel sees it. */
export interface GpuTensor {
  readonly storage: GpuStorage;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
}
