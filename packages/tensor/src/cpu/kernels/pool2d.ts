import type { Pool2dAttributes } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';

type AvgPool2dAttributes = Pool2dAttributes & { countIncludePad: boolean; divisorOverride?: number };

/** Planes (N*C), input and output sizes of an NCHW pooling from its input and output shapes. */
function planeGeometry(input: readonly number[], output: readonly number[]) {
  const [batch, channels, height, width] = input as [number, number, number, number];
  const [, , outH, outW] = output as [number, number, number, number];
  return { planes: batch * channels, height, width, outH, outW };
}

/**
 * Max pooling of NCHW input with PyTorch's rules: padding is -infinity, the first maximum of a
 * window wins and NaN propagates. Outputs the values and each maximum's index `iy * width + ix`
 * within its input plane (int32).
 */
export const maxPool2dKernel: CpuKernel<Pool2dAttributes> = ([input], [values, indices], attributes) => {
  const x = input!.data as Float32Array;
  const y = values!.data as Float32Array;
  const where = indices!.data as Int32Array;
  const { planes, height, width, outH, outW } = planeGeometry(input!.shape, values!.shape);
  const [kernelH, kernelW] = attributes.kernel;
  const [strideH, strideW] = attributes.stride;
  const [padH, padW] = attributes.padding;
  const [dilationH, dilationW] = attributes.dilation;
  for (let plane = 0; plane < planes; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    for (let oy = 0; oy < outH; oy++) {
      let y0 = oy * strideH - padH;
      const y1 = Math.min(y0 + (kernelH - 1) * dilationH + 1, height);
      while (y0 < 0) y0 += dilationH;
      for (let ox = 0; ox < outW; ox++) {
        let x0 = ox * strideW - padW;
        const x1 = Math.min(x0 + (kernelW - 1) * dilationW + 1, width);
        while (x0 < 0) x0 += dilationW;
        let best = Number.NEGATIVE_INFINITY;
        let bestIndex = y0 * width + x0;
        for (let iy = y0; iy < y1; iy += dilationH) {
          for (let ix = x0; ix < x1; ix += dilationW) {
            const index = iy * width + ix;
            const value = x[inputBase + index] as number;
            if (value > best || value !== value) {
              best = value;
              bestIndex = index;
            }
          }
        }
        y[outputBase + oy * outW + ox] = best;
        where[outputBase + oy * outW + ox] = bestIndex;
      }
    }
  }
};

/** Adds each output gradient to the input position its maximum came from (inputs: grad output, indices). */
export const maxPool2dBackwardKernel: CpuKernel<Pool2dAttributes> = ([gradOutput, indices], [gradInput]) => {
  const dy = gradOutput!.data as Float32Array;
  const where = indices!.data as Int32Array;
  const dx = gradInput!.data as Float32Array;
  const { planes, height, width, outH, outW } = planeGeometry(gradInput!.shape, gradOutput!.shape);
  dx.fill(0);
  for (let plane = 0; plane < planes; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    for (let position = 0; position < outH * outW; position++) {
      const target = inputBase + (where[outputBase + position] as number);
      dx[target] = (dx[target] as number) + (dy[outputBase + position] as number);
    }
  }
};

/** Visits every window of an average pooling with its clipped bounds and its divisor (PyTorch's rules). */
function forEachAverageWindow(
  attributes: AvgPool2dAttributes,
  geometry: ReturnType<typeof planeGeometry>,
  visit: (outputIndex: number, y0: number, y1: number, x0: number, x1: number, divisor: number) => void,
): void {
  const { height, width, outH, outW } = geometry;
  const [kernelH, kernelW] = attributes.kernel;
  const [strideH, strideW] = attributes.stride;
  const [padH, padW] = attributes.padding;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let y0 = oy * strideH - padH;
      let x0 = ox * strideW - padW;
      let y1 = Math.min(y0 + kernelH, height + padH);
      let x1 = Math.min(x0 + kernelW, width + padW);
      const paddedSize = (y1 - y0) * (x1 - x0);
      y0 = Math.max(y0, 0);
      x0 = Math.max(x0, 0);
      y1 = Math.min(y1, height);
      x1 = Math.min(x1, width);
      const divisor =
        attributes.divisorOverride !== undefined
          ? attributes.divisorOverride
          : attributes.countIncludePad
            ? paddedSize
            : (y1 - y0) * (x1 - x0);
      visit(oy * outW + ox, y0, y1, x0, x1, divisor);
    }
  }
}

/**
 * Average pooling of NCHW input with PyTorch's divisor rules (`countIncludePad` counts the
 * padding inside the padded input, `divisorOverride` replaces the count).
 */
export const avgPool2dKernel: CpuKernel<AvgPool2dAttributes> = ([input], [output], attributes) => {
  const x = input!.data as Float32Array;
  const y = output!.data as Float32Array;
  const geometry = planeGeometry(input!.shape, output!.shape);
  const { planes, height, width, outH, outW } = geometry;
  for (let plane = 0; plane < planes; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    forEachAverageWindow(attributes, geometry, (outputIndex, y0, y1, x0, x1, divisor) => {
      if (y0 >= y1 || x0 >= x1) {
        y[outputBase + outputIndex] = 0;
        return;
      }
      let total = 0;
      for (let iy = y0; iy < y1; iy++) {
        for (let ix = x0; ix < x1; ix++) total += x[inputBase + iy * width + ix] as number;
      }
      y[outputBase + outputIndex] = total / divisor;
    });
  }
};

/** The gradient of average pooling: each output gradient is shared over its window (inputs: grad output). */
export const avgPool2dBackwardKernel: CpuKernel<AvgPool2dAttributes> = ([gradOutput], [gradInput], attributes) => {
  const dy = gradOutput!.data as Float32Array;
  const dx = gradInput!.data as Float32Array;
  const geometry = planeGeometry(gradInput!.shape, gradOutput!.shape);
  const { planes, height, width, outH, outW } = geometry;
  dx.fill(0);
  for (let plane = 0; plane < planes; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    forEachAverageWindow(attributes, geometry, (outputIndex, y0, y1, x0, x1, divisor) => {
      const share = (dy[outputBase + outputIndex] as number) / divisor;
      for (let iy = y0; iy < y1; iy++) {
        for (let ix = x0; ix < x1; ix++) {
          const target = inputBase + iy * width + ix;
          dx[target] = (dx[target] as number) + share;
        }
      }
    });
  }
};
