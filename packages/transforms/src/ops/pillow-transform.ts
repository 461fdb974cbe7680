import { type Image, assertHwc, assertUint8, createImage } from '../image/image';
import type { AffineMatrix } from './warp-affine-cv2';

/** The resampling filters of Pillow's `Image.transform` and `Image.rotate`. */
export type PillowTransformInterpolation = 'nearest' | 'bilinear' | 'bicubic';

/**
 * Pillow's `Image.transform(size, AFFINE, matrix, resample, fillcolor=fill)` on a uint8 HWC image:
 * `matrix` maps output pixel centres `(x + 0.5, y + 0.5)` to input coordinates. Nearest uses
 * Pillow's 16.16 fixed-point stepping (or its scaling path when the matrix has no rotation),
 * bilinear and bicubic (a = -1) filter in double precision and truncate; pixels that map outside
 * the input keep `fill`.
 *
 * @example
 * pillowAffine(image, [1, 0.3, 0, 0, 1, 0], 'bilinear', [0, 0, 0]);
 */
export function pillowAffine(
  image: Image,
  matrix: AffineMatrix,
  interpolation: PillowTransformInterpolation,
  fill: readonly number[],
  width = image.width,
  height = image.height,
): Image {
  assertHwc(image, 'Pillow transform');
  assertUint8(image, 'Pillow transform');
  const { channels } = image;
  const output = createImage(height, width, channels, { channelOrder: image.channelOrder });
  const target = output.data;
  for (let at = 0; at < target.length; at += channels) for (let c = 0; c < channels; c++) target[at + c] = fill[c] ?? 0;
  if (interpolation === 'nearest') {
    if (matrix[1] === 0 && matrix[3] === 0) scaleAffine(image, output, matrix);
    else nearestFixed(image, output, matrix);
    return output;
  }
  const [a0, a1, a2, a3, a4, a5] = matrix;
  const source = image.data;
  const inWidth = image.width;
  const inHeight = image.height;
  const stride = inWidth * channels;
  const xClip = (x: number) => (x < 0 ? 0 : x >= inWidth ? inWidth - 1 : x);
  const yClip = (y: number) => (y < 0 ? 0 : y >= inHeight ? inHeight - 1 : y);
  const columns = [0, 0, 0, 0];
  const rowValues = [0, 0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const xc = x + 0.5;
      const yc = y + 0.5;
      let xin = a0 * xc + a1 * yc + a2;
      let yin = a3 * xc + a4 * yc + a5;
      if (xin < 0 || xin >= inWidth || yin < 0 || yin >= inHeight) continue;
      xin -= 0.5;
      yin -= 0.5;
      let ix = Math.floor(xin);
      let iy = Math.floor(yin);
      const dx = xin - ix;
      const dy = yin - iy;
      const out = (y * width + x) * channels;
      if (interpolation === 'bilinear') {
        const x0 = xClip(ix) * channels;
        const x1 = xClip(ix + 1) * channels;
        const row0 = yClip(iy) * stride;
        const hasRow1 = iy + 1 >= 0 && iy + 1 < inHeight;
        const row1 = (iy + 1) * stride;
        for (let c = 0; c < channels; c++) {
          const p0 = source[row0 + x0 + c] as number;
          const v1 = p0 + ((source[row0 + x1 + c] as number) - p0) * dx;
          let v2 = v1;
          if (hasRow1) {
            const q0 = source[row1 + x0 + c] as number;
            v2 = q0 + ((source[row1 + x1 + c] as number) - q0) * dx;
          }
          const value = v1 + (v2 - v1) * dy;
          target[out + c] = Math.trunc(value);
        }
      } else {
        ix -= 1;
        iy -= 1;
        for (let k = 0; k < 4; k++) columns[k] = xClip(ix + k) * channels;
        for (let c = 0; c < channels; c++) {
          let previous = 0;
          for (let k = 0; k < 4; k++) {
            const row = iy + k;
            if (k === 0) {
              previous = cubicRow(source, yClip(row) * stride + c, columns, dx);
            } else if (row >= 0 && row < inHeight) {
              previous = cubicRow(source, row * stride + c, columns, dx);
            }
            rowValues[k] = previous;
          }
          const value = cubic(rowValues[0] as number, rowValues[1] as number, rowValues[2] as number, rowValues[3] as number, dy);
          target[out + c] = value <= 0 ? 0 : value >= 255 ? 255 : Math.trunc(value);
        }
      }
    }
  }
  return output;
}

function cubic(v1: number, v2: number, v3: number, v4: number, d: number): number {
  const p1 = v2;
  const p2 = -v1 + v3;
  const p3 = 2 * (v1 - v2) + v3 - v4;
  const p4 = -v1 + v2 - v3 + v4;
  return p1 + d * (p2 + d * (p3 + d * p4));
}

function cubicRow(source: Image['data'], base: number, columns: readonly number[], dx: number): number {
  return cubic(
    source[base + (columns[0] as number)] as number,
    source[base + (columns[1] as number)] as number,
    source[base + (columns[2] as number)] as number,
    source[base + (columns[3] as number)] as number,
    dx,
  );
}

function coordinate(value: number): number {
  return value < 0 ? -1 : Math.trunc(value);
}

function scaleAffine(image: Image, output: Image, matrix: AffineMatrix): void {
  const { channels } = image;
  const columns = new Int32Array(output.width).fill(-1);
  let xo = matrix[2] + matrix[0] * 0.5;
  for (let x = 0; x < output.width; x++) {
    const xin = coordinate(xo);
    if (xin >= 0 && xin < image.width) columns[x] = xin;
    xo += matrix[0];
  }
  let yo = matrix[5] + matrix[4] * 0.5;
  const source = image.data;
  const target = output.data;
  for (let y = 0; y < output.height; y++) {
    const yin = coordinate(yo);
    yo += matrix[4];
    if (yin < 0 || yin >= image.height) continue;
    for (let x = 0; x < output.width; x++) {
      const column = columns[x] as number;
      if (column < 0) continue;
      const from = (yin * image.width + column) * channels;
      const to = (y * output.width + x) * channels;
      for (let c = 0; c < channels; c++) target[to + c] = source[from + c] as number;
    }
  }
}

function nearestFixed(image: Image, output: Image, matrix: AffineMatrix): void {
  const fix = (value: number) => Math.floor(value * 65536 + 0.5);
  const a0 = fix(matrix[0]);
  const a1 = fix(matrix[1]);
  const a3 = fix(matrix[3]);
  const a4 = fix(matrix[4]);
  let a2 = fix(matrix[2] + matrix[1] * 0.5 + matrix[0] * 0.5);
  let a5 = fix(matrix[5] + matrix[4] * 0.5 + matrix[3] * 0.5);
  const { channels } = image;
  const source = image.data;
  const target = output.data;
  for (let y = 0; y < output.height; y++) {
    let xx = a2;
    let yy = a5;
    for (let x = 0; x < output.width; x++) {
      const xin = Math.floor(xx / 65536);
      const yin = Math.floor(yy / 65536);
      if (xin >= 0 && xin < image.width && yin >= 0 && yin < image.height) {
        const from = (yin * image.width + xin) * channels;
        const to = (y * output.width + x) * channels;
        for (let c = 0; c < channels; c++) target[to + c] = source[from + c] as number;
      }
      xx += a0;
      yy += a3;
    }
    a2 += a1;
    a5 += a4;
  }
}

/**
 * Pillow's `Image.rotate(angle, resample, center=center, fillcolor=fill)` (counter-clockwise
 * degrees, same canvas): multiples of 90 degrees are exact transposes as in Pillow, other angles
 * go through {@link pillowAffine} with Pillow's matrix (cosines rounded to 15 digits).
 */
export function pillowRotate(
  image: Image,
  angle: number,
  interpolation: PillowTransformInterpolation,
  fill: readonly number[],
  center?: readonly [number, number],
): Image {
  const normalized = ((angle % 360) + 360) % 360;
  if (!center) {
    if (normalized === 0) return { ...image, data: image.data.slice() };
    if (normalized === 180) return transpose(image, 180);
    if ((normalized === 90 || normalized === 270) && image.width === image.height) return transpose(image, normalized);
  }
  const [cx, cy] = center ?? [image.width / 2, image.height / 2];
  const radians = -((normalized * Math.PI) / 180);
  const round15 = (value: number) => Math.round(value * 1e15) / 1e15;
  const matrix = [round15(Math.cos(radians)), round15(Math.sin(radians)), 0, round15(-Math.sin(radians)), round15(Math.cos(radians)), 0];
  const [a, b, , d, e] = matrix as [number, number, number, number, number, number];
  matrix[2] = a * -cx + b * -cy + 0 + cx;
  matrix[5] = d * -cx + e * -cy + 0 + cy;
  return pillowAffine(image, matrix as unknown as AffineMatrix, interpolation, fill);
}

function transpose(image: Image, angle: 90 | 180 | 270): Image {
  const { height, width, channels } = image;
  const outHeight = angle === 180 ? height : width;
  const outWidth = angle === 180 ? width : height;
  const output = createImage(outHeight, outWidth, channels, { channelOrder: image.channelOrder });
  const source = image.data;
  const target = output.data;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sx: number;
      let sy: number;
      if (angle === 180) {
        sx = width - 1 - x;
        sy = height - 1 - y;
      } else if (angle === 90) {
        // Counter-clockwise: output (x, y) comes from input (width - 1 - y, x).
        sx = width - 1 - y;
        sy = x;
      } else {
        sx = y;
        sy = height - 1 - x;
      }
      const from = (sy * width + sx) * channels;
      const to = (y * outWidth + x) * channels;
      for (let c = 0; c < channels; c++) target[to + c] = source[from + c] as number;
    }
  }
  return output;
}
