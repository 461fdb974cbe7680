import type { DType } from '@mmpt/tensor';

/**
 * How movement kernels copy elements without looking at them: 4-byte dtypes (float32, int32,
 * bool) as raw u32 words, so one pipeline serves all three; float16 as f16.
 */
export function copyClass(dtype: DType): 'word' | 'half' {
  return dtype === 'float16' ? 'half' : 'word';
}

/** The dtype a copy kernel declares its buffers with. */
export function copyDType(dtype: DType): DType {
  return dtype === 'float16' ? 'float16' : 'bool';
}

/** The parameter word of a fill value in a copy kernel's element type (float16 passes float32 bits). */
export function fillWord(dtype: DType, value: number, floatBits: (value: number) => number): number {
  if (dtype === 'int32') return value | 0;
  if (dtype === 'bool') return value ? 1 : 0;
  return floatBits(value);
}

/** WGSL of a fill value read from parameter word `word`, in the copy kernel's element type. */
export function fillValueWgsl(dtype: DType, word: number): string {
  return dtype === 'float16' ? `f16(pf(${word}u))` : `pu(${word}u)`;
}
