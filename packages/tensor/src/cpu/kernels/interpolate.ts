import type { InterpolateMode } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';
import { interpolateAxisTaps as axisTaps } from './interpolate-taps';

type InterpolateAttributes = { mode: InterpolateMode; alignCorners: boolean };


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
