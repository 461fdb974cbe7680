/** The element types of tensors. `float16` exists only where a backend offers it. */
export type DType = 'float32' | 'int32' | 'bool' | 'float16';

/** The typed array that holds data of a dtype on the host (`float16` data reads back as float32). */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The typed array type of each dtype when read back to the host. */
export interface DTypeArrays {
  float32: Float32Array;
  int32: Int32Array;
  bool: Uint8Array;
  float16: Float32Array;
}

/** Bytes per element in storage. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : dtype === 'float16' ? 2 : 4;
}

/** Whether a dtype holds floating-point values. */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float16';
}

/** A new zero-filled host array for `size` elements of `dtype`. */
export function hostArray(dtype: DType, size: number): TypedArray {
  if (dtype === 'int32') return new Int32Array(size);
  if (dtype === 'bool') return new Uint8Array(size);
  return new Float32Array(size);
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float16: 2, float32: 3 };

/**
 * The dtype of a binary op's result under PyTorch's promotion for these dtypes:
 * bool < int32 < float16 < float32.
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}
