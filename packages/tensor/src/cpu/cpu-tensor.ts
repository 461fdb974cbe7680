import type { DType, TypedArray } from '../core/dtype';
import type { Shape } from '../core/shape';

/** A tensor as a CPU kernel sees it: a typed-array view of its heap block. */
export interface CpuTensor {
  /** The values: Float32Array for float32, Int32Array for int32, Uint8Array for bool. */
  readonly data: TypedArray;
  /** Byte offset of the data in the heap memory (for WebAssembly kernels). */
  readonly offset: number;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
}

/** A CPU kernel: reads the inputs and writes the pre-allocated outputs. */
export type CpuKernel<A> = (inputs: readonly CpuTensor[], outputs: readonly CpuTensor[], attributes: A, context: CpuKernelContext) => void;

/** What a CPU kernel can use besides its tensors. */
export interface CpuKernelContext {
  /** The WebAssembly compute core (GEMM on worker threads). */
  readonly compute: import('./compute/index').CpuCompute;
}
