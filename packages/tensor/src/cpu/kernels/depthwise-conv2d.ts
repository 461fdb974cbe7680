import type { Conv2dGeometry } from './conv2d-geometry';

/**
 * Visits every (image, output channel) pair of a convolution with one input channel per group,
 * giving the offsets of the input plane, the filter taps and the output plane.
 */
function forEachPlane(
  geometry: Conv2dGeometry,
  visit: (inputPlane: number, filterTaps: number, outputPlane: number) => void,
): void {
  const { batch, channels, outChannels, groupOutChannels, height, width, kernelH, kernelW, positions } = geometry;
  for (let image = 0; image < batch; image++) {
    for (let outChannel = 0; outChannel < outChannels; outChannel++) {
      const channel = Math.floor(outChannel / groupOutChannels);
      visit((image * channels + channel) * height * width, outChannel * kernelH * kernelW, (image * outChannels + outChannel) * positions);
    }
  }
}

/** Input rows (or columns) a filter tap reads for each output position; -1 where it falls in the padding. */
function tapIndices(outSize: number, inSize: number, kernel: number, stride: number, pad: number, dilation: number): Int32Array {
  const indices = new Int32Array(kernel * outSize);
  for (let tap = 0; tap < kernel; tap++) {
    for (let out = 0; out < outSize; out++) {
      const position = out * stride - pad + tap * dilation;
      indices[tap * outSize + out] = position >= 0 && position < inSize ? position : -1;
    }
  }
  return indices;
}

function taps(geometry: Conv2dGeometry): { rows: Int32Array; columns: Int32Array } {
  const { outH, outW, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW } = geometry;
  return {
    rows: tapIndices(outH, height, kernelH, strideH, padH, dilationH),
    columns: tapIndices(outW, width, kernelW, strideW, padW, dilationW),
  };
}

/** Depthwise (one input channel per group) convolution as a direct loop. */
export function depthwiseConv2d(x: Float32Array, w: Float32Array, y: Float32Array, geometry: Conv2dGeometry): void {
  const { width, kernelH, kernelW, outH, outW } = geometry;
  const { rows, columns } = taps(geometry);
  const sums = new Float64Array(outH * outW);
  forEachPlane(geometry, (inputPlane, filterTaps, outputPlane) => {
    sums.fill(0);
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++) {
        const weight = w[filterTaps + ky * kernelW + kx] as number;
        for (let oy = 0; oy < outH; oy++) {
          const iy = rows[ky * outH + oy] as number;
          if (iy < 0) continue;
          const rowBase = inputPlane + iy * width;
          for (let ox = 0; ox < outW; ox++) {
            const ix = columns[kx * outW + ox] as number;
            if (ix >= 0) sums[oy * outW + ox] = (sums[oy * outW + ox] as number) + weight * (x[rowBase + ix] as number);
          }
        }
      }
    }
    y.set(sums, outputPlane);
  });
}

/** The input gradient of a depthwise convolution as a direct loop. */
export function depthwiseConv2dBackwardInput(dy: Float32Array, w: Float32Array, dx: Float32Array, geometry: Conv2dGeometry): void {
  const { width, kernelH, kernelW, outH, outW } = geometry;
  const { rows, columns } = taps(geometry);
  dx.fill(0);
  forEachPlane(geometry, (inputPlane, filterTaps, outputPlane) => {
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++) {
        const weight = w[filterTaps + ky * kernelW + kx] as number;
        for (let oy = 0; oy < outH; oy++) {
          const iy = rows[ky * outH + oy] as number;
          if (iy < 0) continue;
          const rowBase = inputPlane + iy * width;
          const gradRow = outputPlane + oy * outW;
          for (let ox = 0; ox < outW; ox++) {
            const ix = columns[kx * outW + ox] as number;
            if (ix >= 0) dx[rowBase + ix] = (dx[rowBase + ix] as number) + weight * (dy[gradRow + ox] as number);
          }
        }
      }
    }
  });
}

/** The filter gradient of a depthwise convolution as a direct loop. */
export function depthwiseConv2dBackwardFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, geometry: Conv2dGeometry): void {
  const { width, kernelH, kernelW, outH, outW } = geometry;
  const { rows, columns } = taps(geometry);
  const sums = new Float64Array(dw.length);
  forEachPlane(geometry, (inputPlane, filterTaps, outputPlane) => {
    for (let ky = 0; ky < kernelH; ky++) {
      for (let kx = 0; kx < kernelW; kx++) {
        let total = 0;
        for (let oy = 0; oy < outH; oy++) {
          const iy = rows[ky * outH + oy] as number;
          if (iy < 0) continue;
          const rowBase = inputPlane + iy * width;
          const gradRow = outputPlane + oy * outW;
          for (let ox = 0; ox < outW; ox++) {
            const ix = columns[kx * outW + ox] as number;
            if (ix >= 0) total += (dy[gradRow + ox] as number) * (x[rowBase + ix] as number);
          }
        }
        const tap = filterTaps + ky * kernelW + kx;
        sums[tap] = (sums[tap] as number) + total;
      }
    }
  });
  dw.set(sums);
}
