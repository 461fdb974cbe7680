import { type Image, assertHwc, createImage } from '../image/image';
import { cubicCoefficients, lanczosCoefficients } from './cv2-coefficients';
import type { Interpolation } from './interpolation';
import { roundHalfEven } from './rounding';

const COEF_BITS = 11;
const COEF_SCALE = 1 << COEF_BITS;
const f32 = Math.fround;

/**
 * Resizes an HWC image to `width` x `height` the way OpenCV's `cv2.resize` does (mmcv's default
 * `cv2` backend), reproducing its arithmetic: half-pixel centres, 11-bit fixed-point weights for
 * uint8 images (with the rounding of OpenCV's SIMD row kernels for bilinear), bicubic with
 * A = -0.75, Lanczos-4 over 8 taps, replicated borders, `area` as `INTER_AREA` (exact pixel-area
 * averaging when shrinking, bilinear-like weights when enlarging), `nearest` as `INTER_NEAREST`
 * (`floor(x * src / dst)`), and bilinear 2x shrinking done as area averaging like OpenCV.
 *
 * @example
 * const small = resizeCv2(image, 224, 224, 'bilinear');
 */
export function resizeCv2(image: Image, width: number, height: number, interpolation: Interpolation = 'bilinear'): Image {
  assertHwc(image, 'resize');
  checkSize(image, width, height);
  if (width === image.width && height === image.height) return { ...image, data: image.data.slice() };
  const scaleX = 1 / (width / image.width);
  const scaleY = 1 / (height / image.height);
  if (interpolation === 'nearest') return resizeNearest(image, width, height);
  let mode = interpolation;
  const integerScaleX = Math.round(scaleX);
  const integerScaleY = Math.round(scaleY);
  const areaFast = Math.abs(scaleX - integerScaleX) < Number.EPSILON && Math.abs(scaleY - integerScaleY) < Number.EPSILON;
  if (mode === 'bilinear' && areaFast && integerScaleX === 2 && integerScaleY === 2) mode = 'area';
  if (mode === 'area' && scaleX >= 1 && scaleY >= 1) {
    if (areaFast) return resizeAreaFast(image, width, height, integerScaleX, integerScaleY);
    return resizeArea(image, width, height, scaleX, scaleY);
  }
  return resizeSeparable(image, width, height, mode, scaleX, scaleY);
}

function checkSize(image: Image, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`resize: the output size must be positive integers, got ${width}x${height} (width x height)`);
  }
  if (image.width === 0 || image.height === 0) {
    throw new RangeError(`resize: cannot resize an empty ${image.height}x${image.width} image`);
  }
}

function resizeNearest(image: Image, width: number, height: number): Image {
  const { channels } = image;
  const inverseX = 1 / (width / image.width);
  const inverseY = 1 / (height / image.height);
  const output = createImage(height, width, channels, { dtype: image.data instanceof Float32Array ? 'float32' : 'uint8', channelOrder: image.channelOrder });
  const columns = new Int32Array(width);
  for (let x = 0; x < width; x++) columns[x] = Math.min(Math.floor(x * inverseX), image.width - 1) * channels;
  const source = image.data;
  const target = output.data;
  let out = 0;
  for (let y = 0; y < height; y++) {
    const row = Math.min(Math.floor(y * inverseY), image.height - 1) * image.width * channels;
    for (let x = 0; x < width; x++) {
      const start = row + (columns[x] as number);
      for (let c = 0; c < channels; c++) target[out++] = source[start + c] as number;
    }
  }
  return output;
}

interface Taps {
  /** Source pixel index of every tap, clamped to the image: `[dst * ksize + k]`. */
  index: Int32Array;
  /** Float weights (float32-rounded). */
  weight: Float32Array;
  /** Fixed-point weights (11 bits). */
  fixed: Int32Array;
}

function taps(dstSize: number, srcSize: number, scale: number, mode: Interpolation, ksize: number, clampBorder: boolean): Taps {
  const index = new Int32Array(dstSize * ksize);
  const weight = new Float32Array(dstSize * ksize);
  const fixed = new Int32Array(dstSize * ksize);
  const half = ksize / 2;
  const inverseScale = 1 / scale;
  const coefficients = new Float32Array(ksize);
  for (let d = 0; d < dstSize; d++) {
    let start: number;
    let fraction: number;
    if (mode === 'area') {
      start = Math.floor(d * scale);
      fraction = f32(d + 1 - (start + 1) * inverseScale);
      fraction = fraction <= 0 ? 0 : f32(fraction - Math.floor(fraction));
    } else {
      const position = f32((d + 0.5) * scale - 0.5);
      start = Math.floor(position);
      fraction = f32(position - start);
    }
    if (clampBorder && (mode === 'bilinear' || mode === 'area')) {
      if (start < 0) {
        start = 0;
        fraction = 0;
      }
      if (start >= srcSize - 1) {
        start = srcSize - 1;
        fraction = 0;
      }
    }
    if (mode === 'bicubic') cubicCoefficients(fraction, coefficients);
    else if (mode === 'lanczos') lanczosCoefficients(fraction, coefficients);
    else {
      coefficients[0] = f32(1 - fraction);
      coefficients[1] = fraction;
    }
    for (let k = 0; k < ksize; k++) {
      const source = start - half + 1 + k;
      index[d * ksize + k] = source < 0 ? 0 : source >= srcSize ? srcSize - 1 : source;
      weight[d * ksize + k] = coefficients[k] as number;
      fixed[d * ksize + k] = roundHalfEven(f32((coefficients[k] as number) * COEF_SCALE));
    }
  }
  return { index, weight, fixed };
}


function resizeSeparable(image: Image, width: number, height: number, mode: Interpolation, scaleX: number, scaleY: number): Image {
  const ksize = mode === 'bicubic' ? 4 : mode === 'lanczos' ? 8 : 2;
  const { channels } = image;
  const xTaps = taps(width, image.width, scaleX, mode, ksize, true);
  const yTaps = taps(height, image.height, scaleY, mode, ksize, false);
  const rowLength = width * channels;
  const isFloat = image.data instanceof Float32Array;
  const output = createImage(height, width, channels, { dtype: isFloat ? 'float32' : 'uint8', channelOrder: image.channelOrder });
  // Only the source rows the vertical taps use are resized horizontally.
  const firstRow = yTaps.index.reduce((min, value) => Math.min(min, value), image.height);
  const lastRow = yTaps.index.reduce((max, value) => Math.max(max, value), 0);
  const rowCount = lastRow - firstRow + 1;
  if (isFloat) {
    const rows = new Float32Array(rowCount * rowLength);
    horizontalFloat(image, xTaps, ksize, firstRow, rowCount, rows, width);
    verticalFloat(rows, yTaps, ksize, firstRow, rowLength, height, output.data as Float32Array);
  } else {
    const rows = new Int32Array(rowCount * rowLength);
    horizontalFixed(image, xTaps, ksize, firstRow, rowCount, rows, width);
    verticalFixed(rows, yTaps, ksize, firstRow, rowLength, height, output.data as Uint8Array, mode);
  }
  return output;
}

function horizontalFixed(image: Image, xTaps: Taps, ksize: number, firstRow: number, rowCount: number, rows: Int32Array, width: number): void {
  const { channels } = image;
  const source = image.data as Uint8Array;
  const { index, fixed } = xTaps;
  const rowLength = width * channels;
  const offsets = new Int32Array(index.length);
  for (let i = 0; i < index.length; i++) offsets[i] = (index[i] as number) * channels;
  for (let r = 0; r < rowCount; r++) {
    const sourceRow = (firstRow + r) * image.width * channels;
    let out = r * rowLength;
    if (ksize === 2) {
      for (let x = 0; x < width; x++) {
        const a = sourceRow + (offsets[2 * x] as number);
        const b = sourceRow + (offsets[2 * x + 1] as number);
        const w0 = fixed[2 * x] as number;
        const w1 = fixed[2 * x + 1] as number;
        for (let c = 0; c < channels; c++) rows[out++] = (source[a + c] as number) * w0 + (source[b + c] as number) * w1;
      }
      continue;
    }
    for (let x = 0; x < width; x++) {
      const base = x * ksize;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < ksize; k++) sum += (source[sourceRow + (offsets[base + k] as number) + c] as number) * (fixed[base + k] as number);
        rows[out++] = sum;
      }
    }
  }
}

function verticalFixed(rows: Int32Array, yTaps: Taps, ksize: number, firstRow: number, rowLength: number, height: number, target: Uint8Array, mode: Interpolation): void {
  const { index, fixed } = yTaps;
  const clamped = new Uint8ClampedArray(target.buffer, target.byteOffset, target.length);
  const offsets = new Int32Array(ksize);
  for (let y = 0; y < height; y++) {
    const base = y * ksize;
    for (let k = 0; k < ksize; k++) offsets[k] = ((index[base + k] as number) - firstRow) * rowLength;
    const out = y * rowLength;
    if (ksize === 2) {
      // OpenCV's SIMD row kernel: ((S0 >> 4) * b0 >> 16) + ((S1 >> 4) * b1 >> 16), then (v + 2) >> 2.
      const b0 = fixed[base] as number;
      const b1 = fixed[base + 1] as number;
      const o0 = offsets[0] as number;
      const o1 = offsets[1] as number;
      for (let x = 0; x < rowLength; x++) {
        const s0 = saturate16((rows[o0 + x] as number) >> 4);
        const s1 = saturate16((rows[o1 + x] as number) >> 4);
        const value = saturate16(((s0 * b0) >> 16) + ((s1 * b1) >> 16));
        const result = (value + 2) >> 2;
        target[out + x] = result < 0 ? 0 : result > 255 ? 255 : result;
      }
    } else if (mode === 'bicubic') {
      // OpenCV's SIMD cubic row kernel works in float: round(sum(S_k * b_k / 2^22)).
      const scale = f32(1 / (COEF_SCALE * COEF_SCALE));
      const b = [0, 1, 2, 3].map((k) => f32((fixed[base + k] as number) * scale));
      const [o0, o1, o2, o3] = offsets as unknown as [number, number, number, number];
      const [b0, b1, b2, b3] = b as [number, number, number, number];
      for (let x = 0; x < rowLength; x++) {
        const value = f32(
          f32((rows[o0 + x] as number) * b0) +
            f32(f32((rows[o1 + x] as number) * b1) + f32(f32((rows[o2 + x] as number) * b2) + f32((rows[o3 + x] as number) * b3))),
        );
        clamped[out + x] = value;
      }
    } else {
      for (let x = 0; x < rowLength; x++) {
        let sum = 0;
        for (let k = 0; k < ksize; k++) sum += (rows[(offsets[k] as number) + x] as number) * (fixed[base + k] as number);
        const result = Math.floor((sum + (1 << 21)) / (1 << 22));
        target[out + x] = result < 0 ? 0 : result > 255 ? 255 : result;
      }
    }
  }
}

function saturate16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}

function horizontalFloat(image: Image, xTaps: Taps, ksize: number, firstRow: number, rowCount: number, rows: Float32Array, width: number): void {
  const { channels } = image;
  const source = image.data as Float32Array;
  const { index, weight } = xTaps;
  const rowLength = width * channels;
  for (let r = 0; r < rowCount; r++) {
    const sourceRow = (firstRow + r) * image.width * channels;
    const outRow = r * rowLength;
    for (let x = 0; x < width; x++) {
      const base = x * ksize;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < ksize; k++) sum += (source[sourceRow + (index[base + k] as number) * channels + c] as number) * (weight[base + k] as number);
        rows[outRow + x * channels + c] = sum;
      }
    }
  }
}

function verticalFloat(rows: Float32Array, yTaps: Taps, ksize: number, firstRow: number, rowLength: number, height: number, target: Float32Array): void {
  const { index, weight } = yTaps;
  for (let y = 0; y < height; y++) {
    const base = y * ksize;
    const out = y * rowLength;
    for (let x = 0; x < rowLength; x++) {
      let sum = 0;
      for (let k = 0; k < ksize; k++) sum += (rows[((index[base + k] as number) - firstRow) * rowLength + x] as number) * (weight[base + k] as number);
      target[out + x] = sum;
    }
  }
}

function resizeAreaFast(image: Image, width: number, height: number, scaleX: number, scaleY: number): Image {
  const { channels } = image;
  const isFloat = image.data instanceof Float32Array;
  const output = createImage(height, width, channels, { dtype: isFloat ? 'float32' : 'uint8', channelOrder: image.channelOrder });
  const source = image.data;
  const target = output.data;
  const area = scaleX * scaleY;
  const inverseArea = f32(1 / area);
  const stride = image.width * channels;
  const twoByTwo = !isFloat && scaleX === 2 && scaleY === 2;
  const clamped = isFloat ? undefined : new Uint8ClampedArray(target.buffer, target.byteOffset, target.length);
  let out = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let dy = 0; dy < scaleY; dy++) {
          const row = (y * scaleY + dy) * stride + x * scaleX * channels + c;
          for (let dx = 0; dx < scaleX; dx++) sum += source[row + dx * channels] as number;
        }
        if (twoByTwo) target[out++] = (sum + 2) >> 2;
        else if (clamped) clamped[out++] = f32(sum * inverseArea);
        else target[out++] = f32(sum * inverseArea);
      }
    }
  }
  return output;
}

interface AreaEntry {
  destination: number;
  source: number;
  alpha: number;
}

function areaTable(srcSize: number, dstSize: number, scale: number): AreaEntry[] {
  const table: AreaEntry[] = [];
  for (let d = 0; d < dstSize; d++) {
    const start = d * scale;
    const end = start + scale;
    const cellWidth = Math.min(scale, srcSize - start);
    let first = Math.ceil(start);
    let last = Math.floor(end);
    last = Math.min(last, srcSize - 1);
    first = Math.min(first, last);
    if (first - start > 1e-3) table.push({ destination: d, source: first - 1, alpha: f32((first - start) / cellWidth) });
    for (let s = first; s < last; s++) table.push({ destination: d, source: s, alpha: f32(1 / cellWidth) });
    if (end - last > 1e-3) table.push({ destination: d, source: last, alpha: f32(Math.min(Math.min(end - last, 1), cellWidth) / cellWidth) });
  }
  return table;
}

function resizeArea(image: Image, width: number, height: number, scaleX: number, scaleY: number): Image {
  const { channels } = image;
  const isFloat = image.data instanceof Float32Array;
  const output = createImage(height, width, channels, { dtype: isFloat ? 'float32' : 'uint8', channelOrder: image.channelOrder });
  const xTable = areaTable(image.width, width, scaleX);
  const yTable = areaTable(image.height, height, scaleY);
  const rowLength = width * channels;
  const buffer = new Float32Array(rowLength);
  const sum = new Float32Array(rowLength);
  const source = image.data;
  const target = output.data;
  const writer = isFloat ? target : new Uint8ClampedArray(target.buffer, target.byteOffset, target.length);
  const stride = image.width * channels;
  let previous = -1;
  for (const { destination, source: row, alpha: beta } of yTable) {
    buffer.fill(0);
    const rowStart = row * stride;
    for (const { destination: dx, source: sx, alpha } of xTable) {
      for (let c = 0; c < channels; c++) {
        const at = dx * channels + c;
        buffer[at] = f32((buffer[at] as number) + f32((source[rowStart + sx * channels + c] as number) * alpha));
      }
    }
    if (destination !== previous) {
      if (previous >= 0) writer.set(sum, previous * rowLength);
      for (let x = 0; x < rowLength; x++) sum[x] = f32(beta * (buffer[x] as number));
      previous = destination;
    } else {
      for (let x = 0; x < rowLength; x++) sum[x] = f32((sum[x] as number) + f32(beta * (buffer[x] as number)));
    }
  }
  if (previous >= 0) writer.set(sum, previous * rowLength);
  return output;
}
