import type { DType, TypedArray } from './dtype';
import type { KernelAttributes, KernelName } from './kernel-contracts';
import type { Shape } from './shape';

/** Backend-owned memory of one tensor storage (a heap block, a GPU buffer...). */
export type BackendBuffer = unknown;

/** A tensor as a kernel sees it: its buffer, shape and dtype (data is contiguous, row-major). */
export interface KernelTensor {
  readonly buffer: BackendBuffer;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
}

/** What a backend reports of its memory. */
export interface BackendMemory {
  /** Bytes held by live buffers. */
  bytes: number;
  /** Number of live buffers. */
  buffers: number;
}

/**
 * The contract every backend implements. Backends are objects created and passed explicitly
 * (`createCpuBackend()`, `createWebGpuBackend()`); nothing registers on import.
 */
export interface Backend {
  /** The backend's kind: `'cpu'`, `'webgpu'`. */
  readonly name: string;
  /** The device tensors of this backend live on, as printed: `'cpu'`, `'webgpu:0'`. */
  readonly device: string;
  /** The dtypes this backend stores. */
  readonly dtypes: readonly DType[];
  /** Allocates storage for `size` elements of `dtype` (contents undefined). */
  allocate(dtype: DType, size: number): BackendBuffer;
  /** Releases storage; the buffer is not used again. */
  free(buffer: BackendBuffer): void;
  /** Copies host data into a buffer (float16 buffers take float32 host data). */
  write(buffer: BackendBuffer, dtype: DType, data: TypedArray): void;
  /** Reads a buffer back to the host once pending work is done. */
  read(buffer: BackendBuffer, dtype: DType, size: number): Promise<TypedArray>;
  /** Synchronous readback, where the backend can (the CPU backend). */
  readSync?(buffer: BackendBuffer, dtype: DType, size: number): TypedArray;
  /** Whether the backend implements a kernel. */
  hasKernel(name: KernelName): boolean;
  /** Runs a kernel: reads the inputs, writes the pre-allocated outputs. */
  run<K extends KernelName>(
    name: K,
    inputs: readonly KernelTensor[],
    outputs: readonly KernelTensor[],
    attributes: KernelAttributes[K],
  ): void;
  /** Memory held by the backend's live buffers. */
  memory(): BackendMemory;
  /** Releases the backend's resources (threads, devices); tensors of it are unusable after. */
  dispose(): void;
}
