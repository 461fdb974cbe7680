import type { DType, TypedArray } from '@mmpt/tensor';
import { fromHalfBits, toHalfBits } from './half-float';

/**
 * Bytes per element of each dtype in GPU storage: bool is stored as one u32 per element (WGSL has
 * no byte-addressed storage), float16 as two bytes.
 */
export function gpuBytesPerElement(dtype: DType): number {
  return dtype === 'float16' ? 2 : 4;
}

/** Byte size of `size` elements in GPU storage, rounded up to a multiple of 4 (WebGPU copies and bindings need it). */
export function gpuByteLength(dtype: DType, size: number): number {
  return Math.ceil((size * gpuBytesPerElement(dtype)) / 4) * 4;
}

/** Host data (float32 data for float16, 0/1 bytes for bool) in the GPU's storage layout. */
export function toGpuLayout(dtype: DType, data: TypedArray, size: number): Uint8Array {
  const byteLength = gpuByteLength(dtype, size);
  if (dtype === 'bool') {
    const words = new Uint32Array(byteLength / 4);
    for (let index = 0; index < size; index++) words[index] = data[index] ? 1 : 0;
    return new Uint8Array(words.buffer);
  }
  if (dtype === 'float16') {
    const halves = new Uint16Array(byteLength / 2);
    for (let index = 0; index < size; index++) halves[index] = toHalfBits(data[index] as number);
    return new Uint8Array(halves.buffer);
  }
  if (dtype === 'int32' && data instanceof Int32Array) return new Uint8Array(data.buffer, data.byteOffset, byteLength);
  if (dtype === 'float32' && data instanceof Float32Array) return new Uint8Array(data.buffer, data.byteOffset, byteLength);
  const typed = dtype === 'int32' ? Int32Array.from(data.subarray(0, size)) : Float32Array.from(data.subarray(0, size));
  return new Uint8Array(typed.buffer, 0, byteLength);
}

/** Host data (Float32Array, Int32Array, or Uint8Array for bool) from bytes in the GPU's layout. */
export function fromGpuLayout(dtype: DType, bytes: ArrayBuffer, size: number): TypedArray {
  if (dtype === 'bool') {
    const words = new Uint32Array(bytes, 0, size);
    const result = new Uint8Array(size);
    for (let index = 0; index < size; index++) result[index] = words[index] ? 1 : 0;
    return result;
  }
  if (dtype === 'float16') {
    const halves = new Uint16Array(bytes, 0, size);
    const result = new Float32Array(size);
    for (let index = 0; index < size; index++) result[index] = fromHalfBits(halves[index] as number);
    return result;
  }
  if (dtype === 'int32') return new Int32Array(bytes.slice(0, size * 4));
  return new Float32Array(bytes.slice(0, size * 4));
}
