import type { InterpolateMode } from '../../core/kernel-contracts';

/** The input positions and weights each output position of one axis reads. */
export interface InterpolateAxisTaps {
  /** Taps per output position: 1 (nearest), 2 (bilinear) or 4 (bicubic). */
  count: number;
  /** `outSize * count` input indices. */
  indices: Int32Array;
  /** `outSize * count` weights. */
  weights: Float64Array;
}

/** The bicubic convolution constant PyTorch uses. */
const CUBIC_A = -0.75;

function cubicNear(x: number): number {
  return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
}

function cubicFar(x: number): number {
  return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
}

/** PyTorch's `area_pixel_compute_scale`: the source step per output position (float32). */
function sourceScale(inSize: number, outSize: number, alignCorners: boolean): number {
  if (alignCorners) return outSize > 1 ? Math.fround((inSize - 1) / (outSize - 1)) : 0;
  return Math.fround(inSize / outSize);
}

/** PyTorch's `area_pixel_compute_source_index` (float32 result). */
function sourceIndex(scale: number, index: number, alignCorners: boolean, cubic: boolean): number {
  if (alignCorners) return Math.fround(scale * index);
  const source = Math.fround(scale * (index + 0.5) - 0.5);
  return !cubic && source < 0 ? 0 : source;
}

/**
 * The taps of one axis of `interpolate` with PyTorch's source-index formulas (float32 arithmetic
 * as in `area_pixel_compute_source_index`): legacy `nearest` (`floor(dst * in / out)`), `bilinear`
 * and `bicubic` (A = -0.75, indices clamped to the border). Both backends build their kernels on
 * these taps.
 *
 * @example
 * interpolateAxisTaps('bilinear', 4, 8, false); // { count: 2, indices, weights } for 8 outputs
 */
export function interpolateAxisTaps(mode: InterpolateMode, inSize: number, outSize: number, alignCorners: boolean): InterpolateAxisTaps {
  const count = mode === 'nearest' ? 1 : mode === 'bilinear' ? 2 : 4;
  const indices = new Int32Array(outSize * count);
  const weights = new Float64Array(outSize * count);
  const clampIndex = (index: number) => Math.min(Math.max(index, 0), inSize - 1);
  if (mode === 'nearest') {
    const scale = Math.fround(inSize / outSize);
    for (let out = 0; out < outSize; out++) {
      const source = outSize === inSize ? out : outSize === 2 * inSize ? out >> 1 : Math.floor(Math.fround(out * scale));
      indices[out] = Math.min(source, inSize - 1);
      weights[out] = 1;
    }
    return { count, indices, weights };
  }
  const scale = sourceScale(inSize, outSize, alignCorners);
  for (let out = 0; out < outSize; out++) {
    const source = sourceIndex(scale, out, alignCorners, mode === 'bicubic');
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
      const cubicWeights = [cubicFar(t + 1), cubicNear(t), cubicNear(1 - t), cubicFar(2 - t)];
      for (let tap = 0; tap < 4; tap++) {
        indices[at + tap] = clampIndex(base - 1 + tap);
        weights[at + tap] = cubicWeights[tap] as number;
      }
    }
  }
  return { count, indices, weights };
}
