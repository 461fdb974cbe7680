import { type Image, assertHwc, createImage } from '../image/image';
import { cubicCoefficients, lanczosCoefficients } from './cv2-coefficients';
import type { Interpolation } from './interpolation';
import { roundHalfEven } from './rounding';

const INTER_BITS = 5;
const TAB_SIZE = 1 << INTER_BITS;
const AB_BITS = 10;
const AB_SCALE = 1 << AB_BITS;
const REMAP_BITS = 15;
const REMAP_SCALE = 1 << REMAP_BITS;
const f32 = Math.fround;

/** A 2x3 affine matrix `[a, b, c, d, e, f]` mapping `(x, y)` to `(a x + b y + c, d x + e y + f)`. */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/**
 * Warps an HWC image with a forward affine matrix as OpenCV's `cv2.warpAffine` with a constant
 * border: the matrix is inverted, source coordinates are computed in 10-bit fixed point and
 * quantised to 1/32 pixel, and uint8 pixels are interpolated with OpenCV's 15-bit weight tables
 * (nearest, bilinear, bicubic, Lanczos-4; `area` falls back to bilinear as in OpenCV).
 * `borderValue` has one value per channel (see `cv2Scalar` for OpenCV's handling of one number).
 *
 * @example
 * warpAffineCv2(image, [1, 0.3, 0, 0, 1, 0], image.width, image.height, 'bicubic', [128, 128, 128]);
 */
export function warpAffineCv2(
  image: Image,
  matrix: AffineMatrix,
  width: number,
  height: number,
  interpolation: Interpolation,
  borderValue: readonly number[],
): Image {
  assertHwc(image, 'warpAffine');
  const { channels } = image;
  const isFloat = image.data instanceof Float32Array;
  const output = createImage(height, width, channels, { dtype: isFloat ? 'float32' : 'uint8', channelOrder: image.channelOrder });
  const inverse = invert(matrix);
  const mode = interpolation === 'area' ? 'bilinear' : interpolation;
  const ksize = mode === 'nearest' ? 1 : mode === 'bilinear' ? 2 : mode === 'bicubic' ? 4 : 8;
  const roundDelta = mode === 'nearest' ? AB_SCALE / 2 : AB_SCALE / TAB_SIZE / 2;
  const adelta = new Int32Array(width);
  const bdelta = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    adelta[x] = roundHalfEven(inverse[0] * x * AB_SCALE);
    bdelta[x] = roundHalfEven(inverse[3] * x * AB_SCALE);
  }
  const fill = Array.from({ length: channels }, (_, c) => borderValue[c] ?? 0);
  const table = ksize > 1 ? interpolationTable(mode, ksize) : undefined;
  const source = image.data;
  const target = output.data;
  const writer = isFloat ? target : new Uint8ClampedArray(target.buffer, target.byteOffset, target.length);
  const inWidth = image.width;
  const inHeight = image.height;
  const stride = inWidth * channels;
  const half = ksize / 2 - 1;
  for (let y = 0; y < height; y++) {
    const x0 = roundHalfEven((inverse[1] * y + inverse[2]) * AB_SCALE) + roundDelta;
    const y0 = roundHalfEven((inverse[4] * y + inverse[5]) * AB_SCALE) + roundDelta;
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * channels;
      if (ksize === 1) {
        const sx = (x0 + (adelta[x] as number)) >> AB_BITS;
        const sy = (y0 + (bdelta[x] as number)) >> AB_BITS;
        if (sx >= 0 && sx < inWidth && sy >= 0 && sy < inHeight) {
          const at = sy * stride + sx * channels;
          for (let c = 0; c < channels; c++) target[out + c] = source[at + c] as number;
        } else {
          for (let c = 0; c < channels; c++) target[out + c] = fill[c] as number;
        }
        continue;
      }
      const fx = (x0 + (adelta[x] as number)) >> (AB_BITS - INTER_BITS);
      const fy = (y0 + (bdelta[x] as number)) >> (AB_BITS - INTER_BITS);
      const sx = (fx >> INTER_BITS) - half;
      const sy = (fy >> INTER_BITS) - half;
      const tableIndex = ((fy & (TAB_SIZE - 1)) * TAB_SIZE + (fx & (TAB_SIZE - 1))) * ksize * ksize;
      if (sx >= inWidth || sx + ksize <= 0 || sy >= inHeight || sy + ksize <= 0) {
        for (let c = 0; c < channels; c++) target[out + c] = fill[c] as number;
        continue;
      }
      const tab = (isFloat ? table!.float : table!.fixed) as Float32Array | Int32Array;
      const inside = sx >= 0 && sy >= 0 && sx + ksize <= inWidth && sy + ksize <= inHeight;
      if (inside) {
        const base = sy * stride + sx * channels;
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          let k = tableIndex;
          for (let ky = 0; ky < ksize; ky++) {
            let at = base + ky * stride + c;
            for (let kx = 0; kx < ksize; kx++, at += channels) sum += (source[at] as number) * (tab[k++] as number);
          }
          writer[out + c] = isFloat ? sum : (sum + (1 << (REMAP_BITS - 1))) >> REMAP_BITS;
        }
        continue;
      }
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        let k = tableIndex;
        for (let ky = 0; ky < ksize; ky++) {
          const row = sy + ky;
          for (let kx = 0; kx < ksize; kx++) {
            const column = sx + kx;
            const value = row >= 0 && row < inHeight && column >= 0 && column < inWidth ? (source[row * stride + column * channels + c] as number) : (fill[c] as number);
            sum += value * (tab[k++] as number);
          }
        }
        writer[out + c] = isFloat ? sum : (sum + (1 << (REMAP_BITS - 1))) >> REMAP_BITS;
      }
    }
  }
  return output;
}

/** Inverts an affine matrix as `cv2.warpAffine` does (a singular matrix gives zeros). */
export function invert(matrix: AffineMatrix): [number, number, number, number, number, number] {
  const [m0, m1, m2, m3, m4, m5] = matrix;
  let determinant = m0 * m4 - m1 * m3;
  determinant = determinant !== 0 ? 1 / determinant : 0;
  const a11 = m4 * determinant;
  const a22 = m0 * determinant;
  const b12 = -m1 * determinant;
  const b21 = -m3 * determinant;
  return [a11, b12, -a11 * m2 - b12 * m5, b21, a22, -b21 * m2 - a22 * m5];
}


interface Table {
  fixed: Int32Array;
  float: Float32Array;
}

const tables = new Map<string, Table>();

function oneDimensional(mode: Interpolation, x: number, out: Float32Array): void {
  if (mode === 'bilinear') {
    out[0] = f32(1 - x);
    out[1] = x;
  } else if (mode === 'bicubic') {
    cubicCoefficients(x, out);
  } else {
    lanczosCoefficients(x, out);
  }
}

/** OpenCV's 2-D interpolation tables (`initInterTab2D`): 32x32 sub-pixel positions. */
function interpolationTable(mode: Interpolation, ksize: number): Table {
  const cached = tables.get(mode);
  if (cached) return cached;
  const oneD = new Float32Array(TAB_SIZE * ksize);
  const scratch = new Float32Array(ksize);
  for (let i = 0; i < TAB_SIZE; i++) {
    oneDimensional(mode, f32(i * f32(1 / TAB_SIZE)), scratch);
    oneD.set(scratch, i * ksize);
  }
  const area = ksize * ksize;
  const fixed = new Int32Array(TAB_SIZE * TAB_SIZE * area);
  const float = new Float32Array(TAB_SIZE * TAB_SIZE * area);
  for (let i = 0; i < TAB_SIZE; i++) {
    for (let j = 0; j < TAB_SIZE; j++) {
      const base = (i * TAB_SIZE + j) * area;
      let sum = 0;
      for (let k1 = 0; k1 < ksize; k1++) {
        const vy = oneD[i * ksize + k1] as number;
        for (let k2 = 0; k2 < ksize; k2++) {
          const value = f32(vy * (oneD[j * ksize + k2] as number));
          float[base + k1 * ksize + k2] = value;
          const integer = Math.max(-32768, Math.min(32767, roundHalfEven(f32(value * REMAP_SCALE))));
          fixed[base + k1 * ksize + k2] = integer;
          sum += integer;
        }
      }
      if (sum !== REMAP_SCALE) {
        // OpenCV corrects the rounding on the taps [ksize/2, ksize/2 + 2) of each axis.
        const difference = sum - REMAP_SCALE;
        const half = ksize / 2;
        let maxRow = half;
        let maxColumn = half;
        let minRow = half;
        let minColumn = half;
        const at = (row: number, column: number) => fixed[base + row * ksize + column] as number;
        for (let k1 = half; k1 < half + 2; k1++) {
          for (let k2 = half; k2 < half + 2; k2++) {
            if (at(k1, k2) < at(minRow, minColumn)) {
              minRow = k1;
              minColumn = k2;
            } else if (at(k1, k2) > at(maxRow, maxColumn)) {
              maxRow = k1;
              maxColumn = k2;
            }
          }
        }
        if (difference < 0) fixed[base + maxRow * ksize + maxColumn] = at(maxRow, maxColumn) - difference;
        else fixed[base + minRow * ksize + minColumn] = at(minRow, minColumn) - difference;
      }
    }
  }
  const table = { fixed, float };
  tables.set(mode, table);
  return table;
}
