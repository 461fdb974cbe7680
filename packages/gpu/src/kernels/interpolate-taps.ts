import type { InterpolateMode } from '@mmpt/tensor';

/** The input positions and weights each output position of one axis reads. */
export interface AxisTaps {
  /** Taps per output position: 1 (nearest), 2 (bilinear) or 4 (bicubic). */
  count: number;
  /** `outSize * count` input indices. */
  indices: Int32Array;
  /** `outSize * count` weights. */
  weights: Float32Array;
}

/** The bicubic convolution constant PyTorch uses. */
const CUBIC_A = -0.75;

function cubicNear(x: number): number {
  return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
}

function cubicFar(x: number): number {
  return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
}

/**
 * The taps of one axis, with PyTorch's source-index rules (float32 arithmetic as in
 * `area_pixel_compute_source_index`): legacy `nearest` (`floor(dst · in / out)`), `bilinear`, and
 * `bicubic` (A = -0.75, indices clamped to the border). The same rules as the CPU backend.
 */
export function axisTaps(mode: InterpolateMode, inSize: number, outSize: number, alignCorners: boolean): AxisTaps {
  const count = mode === 'nearest' ? 1 : mode === 'bilinear' ? 2 : 4;
  const indices = new Int32Array(outSize * count);
  const weights = new Float32Array(outSize * count);
  if (mode === 'nearest') {
    const scale = Math.fround(inSize / outSize);
    for (let out = 0; out < outSize; out++) {
      const source = outSize === inSize ? out : outSize === 2 * inSize ? out >> 1 : Math.floor(Math.fround(out * scale));
      indices[out] = Math.min(source, inSize - 1);
      weights[out] = 1;
    }
    return { count, indices, weights };
  }
  const scale = alignCorners ? (outSize > 1 ? Math.fround((inSize - 1) / (outSize - 1)) : 0) : Math.fround(inSize / outSize);
  for (let out = 0; out < outSize; out++) {
    let source = alignCorners ? Math.fround(scale * out) : Math.fround(scale * (out + 0.5) - 0.5);
    if (!alignCorners && mode === 'bilinear' && source < 0) source = 0;
    const base = Math.floor(source);
    const t = Math.fround(source - base);
    const at = out * count;
    if (mode === 'bilinear') {
      const low = Math.min(base, inSize - 1);
      indices[at] = low;
      indices[at + 1] = Math.min(low + 1, inSize - 1);
      weights[at] = 1 - t;
      weights[at + 1] = t;
    } else {
      const cubic = [cubicFar(t + 1), cubicNear(t), cubicNear(1 - t), cubicFar(2 - t)];
      for (let tap = 0; tap < 4; tap++) {
        indices[at + tap] = Math.min(Math.max(base - 1 + tap, 0), inSize - 1);
        weights[at + tap] = cubic[tap] as number;
      }
    }
  }
  return { count, indices, weights };
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
