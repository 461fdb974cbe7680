import { convolutionOutputSize } from './im2col-params';

/** Geometry of {@link im2colReference} and {@link col2imReference} (see `Im2colParams`). */
export interface Im2colReferenceGeometry {
  batch?: number;
  channels: number;
  height: number;
  width: number;
  kernelH: number;
  kernelW: number;
  padH?: number;
  padW?: number;
  strideH?: number;
  strideW?: number;
  dilationH?: number;
  dilationW?: number;
}

/** Visits every (image, column row, output position) with the input index or -1 for padding. */
function forEachTap(
  geometry: Im2colReferenceGeometry,
  visit: (colIndex: number, inputIndex: number) => void,
): void {
  const { channels, height, width, kernelH, kernelW } = geometry;
  const batch = geometry.batch ?? 1;
  const padH = geometry.padH ?? 0;
  const padW = geometry.padW ?? 0;
  const strideH = geometry.strideH ?? 1;
  const strideW = geometry.strideW ?? 1;
  const dilationH = geometry.dilationH ?? 1;
  const dilationW = geometry.dilationW ?? 1;
  const outH = convolutionOutputSize(height, kernelH, padH, strideH, dilationH);
  const outW = convolutionOutputSize(width, kernelW, padW, strideW, dilationW);
  let colIndex = 0;
  for (let image = 0; image < batch; image++) {
    for (let channel = 0; channel < channels; channel++) {
      for (let ki = 0; ki < kernelH; ki++) {
        for (let kj = 0; kj < kernelW; kj++) {
          for (let oy = 0; oy < outH; oy++) {
            for (let ox = 0; ox < outW; ox++) {
              const iy = oy * strideH - padH + ki * dilationH;
              const ix = ox * strideW - padW + kj * dilationW;
              const inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
              const inputIndex = ((image * channels + channel) * height + iy) * width + ix;
              visit(colIndex, inside ? inputIndex : -1);
              colIndex++;
            }
          }
        }
      }
    }
  }
}

/**
 * Plain TypeScript im2col with the semantics of `CpuCompute.im2col`: fills `col`
 * (batch x channels*kernelH*kernelW x outH*outW) from the NCHW `input`, zeros for padding.
 */
export function im2colReference(
  input: Float32Array,
  col: Float32Array,
  geometry: Im2colReferenceGeometry,
): void {
  forEachTap(geometry, (colIndex, inputIndex) => {
    col[colIndex] = inputIndex < 0 ? 0 : (input[inputIndex] as number);
  });
}

/**
 * Plain TypeScript col2im with the semantics of `CpuCompute.col2im`: adds every entry of
 * `col` into the `input` element it was read from (overlaps sum, padding is dropped); `input`
 * is not cleared first.
 */
export function col2imReference(
  input: Float32Array,
  col: Float32Array,
  geometry: Im2colReferenceGeometry,
): void {
  forEachTap(geometry, (colIndex, inputIndex) => {
    if (inputIndex >= 0) input[inputIndex] = (input[inputIndex] as number) + (col[colIndex] as number);
  });
}
