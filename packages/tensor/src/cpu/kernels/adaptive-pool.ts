import type { CpuKernel } from '../cpu-tensor';

/** PyTorch's adaptive window of output cell `index`: `[floor(index*in/out), ceil((index+1)*in/out))`. */
export function adaptiveWindow(index: number, inSize: number, outSize: number): [number, number] {
  return [Math.floor((index * inSize) / outSize), Math.ceil(((index + 1) * inSize) / outSize)];
}

/** Visits each output cell of an adaptive pooling of one plane with its input window. */
function forEachWindow(
  height: number,
  width: number,
  outH: number,
  outW: number,
  visit: (outputIndex: number, y0: number, y1: number, x0: number, x1: number) => void,
): void {
  for (let oy = 0; oy < outH; oy++) {
    const [y0, y1] = adaptiveWindow(oy, height, outH);
    for (let ox = 0; ox < outW; ox++) {
      const [x0, x1] = adaptiveWindow(ox, width, outW);
      visit(oy * outW + ox, y0, y1, x0, x1);
    }
  }
}

/** Adaptive average pooling of NCHW input to the output's height and width. */
export const adaptiveAvgPool2dKernel: CpuKernel<Record<string, never>> = ([input], [output]) => {
  const x = input!.data as Float32Array;
  const y = output!.data as Float32Array;
  const [batch, channels, height, width] = input!.shape as [number, number, number, number];
  const [, , outH, outW] = output!.shape as [number, number, number, number];
  for (let plane = 0; plane < batch * channels; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    forEachWindow(height, width, outH, outW, (outputIndex, y0, y1, x0, x1) => {
      let total = 0;
      for (let iy = y0; iy < y1; iy++) {
        for (let ix = x0; ix < x1; ix++) total += x[inputBase + iy * width + ix] as number;
      }
      y[outputBase + outputIndex] = total / ((y1 - y0) * (x1 - x0));
    });
  }
};

/** The gradient of adaptive average pooling (inputs: grad output; output: the input's shape). */
export const adaptiveAvgPool2dBackwardKernel: CpuKernel<Record<string, never>> = ([gradOutput], [gradInput]) => {
  const dy = gradOutput!.data as Float32Array;
  const dx = gradInput!.data as Float32Array;
  const [batch, channels, height, width] = gradInput!.shape as [number, number, number, number];
  const [, , outH, outW] = gradOutput!.shape as [number, number, number, number];
  dx.fill(0);
  for (let plane = 0; plane < batch * channels; plane++) {
    const inputBase = plane * height * width;
    const outputBase = plane * outH * outW;
    forEachWindow(height, width, outH, outW, (outputIndex, y0, y1, x0, x1) => {
      const share = (dy[outputBase + outputIndex] as number) / ((y1 - y0) * (x1 - x0));
      for (let iy = y0; iy < y1; iy++) {
        for (let ix = x0; ix < x1; ix++) {
          const target = inputBase + iy * width + ix;
          dx[target] = (dx[target] as number) + share;
        }
      }
    });
  }
};
