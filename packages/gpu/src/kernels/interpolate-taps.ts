import { type InterpolateAxisTaps, type InterpolateMode, interpolateAxisTaps } from '@mmpt/tensor';

/** The taps of one axis, with the weights in float32 as the GPU reads them. */
export interface AxisTaps extends Omit<InterpolateAxisTaps, 'weights'> {
  weights: Float32Array;
}

/** `@mmpt/tensor`'s taps of one axis (PyTorch's rules, the same as the CPU backend's), weights rounded to float32. */
export function axisTaps(mode: InterpolateMode, inSize: number, outSize: number, alignCorners: boolean): AxisTaps {
  const taps = interpolateAxisTaps(mode, inSize, outSize, alignCorners);
  return { ...taps, weights: Float32Array.from(taps.weights) };
}

/**
 * The taps of an axis as a table for the GPU: `[indices (outSize·count), weight bits (outSize·count)]`.
 */
export function forwardTable(taps: AxisTaps): Uint32Array {
  const length = taps.indices.length;
  const table = new Uint32Array(2 * length);
  table.set(new Uint32Array(taps.indices.buffer, taps.indices.byteOffset, length), 0);
  table.set(new Uint32Array(taps.weights.buffer, taps.weights.byteOffset, length), length);
  return table;
}

/**
 * The adjoint of an axis's taps, for the gradient: for each input position, the output positions
 * that read it and with what weight, as compressed rows
 * `[offsets (inSize + 1), outputs (entries), weight bits (entries)]`.
 */
export function adjointTable(taps: AxisTaps, inSize: number): Uint32Array {
  const entries = taps.indices.length;
  const counts = new Uint32Array(inSize + 1);
  for (let at = 0; at < entries; at++) counts[(taps.indices[at] as number) + 1]!++;
  for (let index = 0; index < inSize; index++) counts[index + 1]! += counts[index] as number;
  const table = new Uint32Array(inSize + 1 + 2 * entries);
  table.set(counts, 0);
  const next = counts.slice(0, inSize);
  const weightBits = new Uint32Array(taps.weights.buffer, taps.weights.byteOffset, entries);
  for (let at = 0; at < entries; at++) {
    const input = taps.indices[at] as number;
    const slot = next[input]!++;
    table[inSize + 1 + slot] = Math.floor(at / taps.count);
    table[inSize + 1 + entries + slot] = weightBits[at] as number;
  }
  return table;
}
