import type { InterpolateMode } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';

type InterpolateAttributes = { mode: InterpolateMode; alignCorners: boolean };

/** The input positions and weights each output position of one axis reads. */
interface AxisTaps {
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
 * The taps of one axis with PyTorch's source-index formulas: legacy `nearest`
 * (`floor(dst * in / out)`), `bilinear` and `bicubic` (A = -0.75, indices clamped to the border).
 */
export function axisTaps(mode: InterpolateMode, inSize: number, outSize: number, alignCorners: boolean): AxisTaps {
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

function planeGeometry(input: readonly number[], output: readonly number[]) {
  const [batch, channels, height, width] = input as [number, number, number, number];
  const [, , outH, outW] = output as [number, number, number, number];
  return { planes: batch * channels, height, width, outH, outW };
}

/** Resizes the last two axes of NCHW input to the output's height and width. */
export const interpolateKernel: CpuKernel<InterpolateAttributes> = ([input], [output], { mode, alignCorners }) => {
  const x = input!.data as Float32Array;
  const y = output!.data as Float32Array;
  const { planes, height, width, outH, outW } = planeGeometry(input!.shape, output!.shape);
  const rows = axisTaps(mode, height, outH, alignCorners);
  const columns = axisTaps(mode, width, outW, alignCorners);
  const count = rows.count;
  for (let plane = 0; plane < planes; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let total = 0;
        for (let i = 0; i < count; i++) {
          const rowBase = inputBase + (rows.indices[oy * count + i] as number) * width;
          const rowWeight = rows.weights[oy * count + i] as number;
          let rowTotal = 0;
          for (let j = 0; j < count; j++) {
            rowTotal += (columns.weights[ox * count + j] as number) * (x[rowBase + (columns.indices[ox * count + j] as number)] as number);
          }
          total += rowWeight * rowTotal;
        }
        y[outputBase + oy * outW + ox] = total;
      }
    }
  }
};

/** The gradient of {@link interpolateKernel}: each output gradient goes back to its taps with their weights. */
export const interpolateBackwardKernel: CpuKernel<InterpolateAttributes> = ([gradOutput], [gradInput], { mode, alignCorners }) => {
  const dy = gradOutput!.data as Float32Array;
  const dx = gradInput!.data as Float32Array;
  const { planes, height, width, outH, outW } = planeGeometry(gradInput!.shape, gradOutput!.shape);
  const rows = axisTaps(mode, height, outH, alignCorners);
  const columns = axisTaps(mode, width, outW, alignCorners);
  const count = rows.count;
  const sums = new Float64Array(height * width);
  for (let plane = 0; plane < planes; plane++) {
    const outputBase = plane * outH * outW;
    sums.fill(0);
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const grad = dy[outputBase + oy * outW + ox] as number;
        for (let i = 0; i < count; i++) {
          const rowBase = (rows.indices[oy * count + i] as number) * width;
          const rowGrad = grad * (rows.weights[oy * count + i] as number);
          for (let j = 0; j < count; j++) {
            const target = rowBase + (columns.indices[ox * count + j] as number);
            sums[target] = (sums[target] as number) + rowGrad * (columns.weights[ox * count + j] as number);
          }
        }
      }
    }
    dx.set(sums, plane * height * width);
  }
};
