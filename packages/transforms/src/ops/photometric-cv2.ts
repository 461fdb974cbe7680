import { bgrToGray } from '../image/color';
import { type Image, assertHwc } from '../image/image';
import { borderIndex } from './border';
import { roundHalfEven } from './rounding';

const f32 = Math.fround;

/**
 * `cv2.addWeighted(a, alpha, b, beta, 0)` on float32 values, then `np.clip(0, 255)` and the cast
 * back to the image dtype (truncation for uint8), as mmcv's `adjust_brightness`, `adjust_contrast`
 * and `adjust_sharpness` do. `degenerate` is one value for every pixel or one value per element.
 */
function blendFloat(image: Image, degenerate: number | ArrayLike<number>, factor: number): Image {
  const source = image.data;
  const data = source.slice();
  const beta = 1 - factor;
  if (data instanceof Uint8Array && typeof degenerate === 'number') {
    // The result depends on the value only: a lookup table.
    const table = new Uint8Array(256);
    for (let value = 0; value < 256; value++) table[value] = blendValue(value, degenerate, factor, beta, true);
    for (let i = 0; i < data.length; i++) data[i] = table[source[i] as number] as number;
    return { ...image, data };
  }
  const isUint8 = data instanceof Uint8Array;
  for (let i = 0; i < data.length; i++) {
    const b = typeof degenerate === 'number' ? degenerate : (degenerate[i] as number);
    data[i] = blendValue(source[i] as number, b, factor, beta, isUint8);
  }
  return { ...image, data };
}

function blendValue(a: number, b: number, factor: number, beta: number, truncate: boolean): number {
  // OpenCV's float32 addWeighted works in double with a fused multiply-add: a * alpha + b * beta.
  // Away from integers (where the truncation decides) the plain double result is as good.
  let value = a * factor + b * beta;
  if (!truncate || Math.abs(value - Math.round(value)) < 1e-3) value = f32(fusedMultiplyAdd(a, factor, b * beta));
  value = value < 0 ? 0 : value > 255 ? 255 : value;
  return truncate ? Math.trunc(value) : value;
}

const SPLITTER = 134217729; // 2^27 + 1

/** `a * b + c` with a single rounding (Dekker's exact product, then a compensated sum). */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const product = a * b;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  const productError = aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
  const sum = product + c;
  const virtual = sum - product;
  const sumError = product - (sum - virtual) + (c - virtual);
  return sum + (sumError + productError);
}

/**
 * Scales the brightness as mmcv's `adjust_brightness` (cv2 backend): `img * factor`, clipped.
 *
 * @example
 * adjustBrightness(image, 1.4);
 */
export function adjustBrightness(image: Image, factor: number): Image {
  return blendFloat(image, 0, factor);
}

/**
 * Blends with the mean gray level as mmcv's `adjust_contrast` (cv2 backend): the mean of
 * `cv2.cvtColor(BGR2GRAY)` rounded half to even, then `img * f + mean * (1 - f)`, clipped.
 */
export function adjustContrast(image: Image, factor: number): Image {
  assertHwc(image, 'adjustContrast');
  const gray = image.channels >= 3 ? bgrToGray(image) : image;
  let sum = 0;
  for (let i = 0; i < gray.data.length; i++) sum += gray.data[i] as number;
  const mean = roundHalfEven(sum / Math.max(1, gray.data.length));
  const degenerate = image.data instanceof Uint8Array ? Math.min(255, Math.max(0, mean)) : mean;
  return blendFloat(image, degenerate, factor);
}

/**
 * Blends with the gray image as mmcv's `adjust_color` (cv2 backend, `cv2.addWeighted` on the
 * image's own dtype): uint8 results are rounded half to even, float results clipped to [0, 255].
 */
export function adjustColor(image: Image, alpha: number, beta = 1 - alpha, gamma = 0): Image {
  assertHwc(image, 'adjustColor');
  if (image.channels < 3) throw new RangeError(`adjustColor: expects a 3-channel BGR image, got ${image.channels} channels`);
  const gray = bgrToGray(image).data;
  const { channels } = image;
  const data = image.data.slice();
  const a = f32(alpha);
  const b = f32(beta);
  const g = f32(gamma);
  const isUint8 = data instanceof Uint8Array;
  const writer = isUint8 ? new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) : data;
  for (let i = 0; i < gray.length; i++) {
    const grayValue = gray[i] as number;
    for (let c = 0; c < channels; c++) {
      const at = i * channels + c;
      // OpenCV's SIMD addWeighted uses fused multiply-adds: a * alpha + (b * beta + gamma).
      const value = f32((image.data[at] as number) * a + f32(grayValue * b + g));
      writer[at] = isUint8 ? value : value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
  return { ...image, data };
}

/**
 * Blends with a smoothed image as mmcv's `adjust_sharpness` (cv2 backend): the default kernel
 * `[[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13` applied by `cv2.filter2D` (reflect-101 border, rounded
 * to the image dtype), then `img * f + smooth * (1 - f)`, clipped and truncated.
 */
export function adjustSharpness(image: Image, factor: number): Image {
  const smooth = filter3x3(image, [1, 1, 1, 1, 5, 1, 1, 1, 1].map((value) => value / 13));
  return blendFloat(image, smooth.data, factor);
}

/**
 * A 3x3 correlation as `cv2.filter2D(img, -1, kernel)` with the default reflect-101 border; uint8
 * results are rounded half to even.
 */
export function filter3x3(image: Image, kernel: readonly number[]): Image {
  assertHwc(image, 'filter2D');
  const { height, width, channels } = image;
  const weights = kernel.map((value) => f32(value));
  const source = image.data;
  const data = source.slice();
  const isUint8 = data instanceof Uint8Array;
  const writer = isUint8 ? new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) : data;
  const stride = width * channels;
  const columns = new Int32Array((width + 2) * 1);
  for (let x = -1; x <= width; x++) columns[x + 1] = borderIndex(x, width, 'reflect') * channels;
  const [k0, k1, k2, k3, k4, k5, k6, k7, k8] = weights as [number, number, number, number, number, number, number, number, number];
  for (let y = 0; y < height; y++) {
    const up = borderIndex(y - 1, height, 'reflect') * stride;
    const middle = y * stride;
    const down = borderIndex(y + 1, height, 'reflect') * stride;
    for (let x = 0; x < width; x++) {
      const left = columns[x] as number;
      const center = columns[x + 1] as number;
      const right = columns[x + 2] as number;
      for (let c = 0; c < channels; c++) {
        const p0 = source[up + left + c] as number;
        const p1 = source[up + center + c] as number;
        const p2 = source[up + right + c] as number;
        const p3 = source[middle + left + c] as number;
        const p4 = source[middle + center + c] as number;
        const p5 = source[middle + right + c] as number;
        const p6 = source[down + left + c] as number;
        const p7 = source[down + center + c] as number;
        const p8 = source[down + right + c] as number;
        let sum = p0 * k0 + p1 * k1 + p2 * k2 + p3 * k3 + p4 * k4 + p5 * k5 + p6 * k6 + p7 * k7 + p8 * k8;
        if (!isUint8 || Math.abs((sum - Math.floor(sum)) - 0.5) < 1e-3) {
          // Near a rounding tie, redo OpenCV's float32 accumulation exactly.
          sum = f32(p0 * k0);
          sum = f32(sum + f32(p1 * k1));
          sum = f32(sum + f32(p2 * k2));
          sum = f32(sum + f32(p3 * k3));
          sum = f32(sum + f32(p4 * k4));
          sum = f32(sum + f32(p5 * k5));
          sum = f32(sum + f32(p6 * k6));
          sum = f32(sum + f32(p7 * k7));
          sum = f32(sum + f32(p8 * k8));
        }
        writer[middle + x * channels + c] = sum;
      }
    }
  }
  return { ...image, data };
}

/**
 * Normalizes to float32 as mmcv's `imnormalize`: optionally BGR -> RGB first, then
 * `(img - mean) / std` per channel (float32 arithmetic).
 *
 * @example
 * imnormalize(image, [123.675, 116.28, 103.53], [58.395, 57.12, 57.375], true);
 */
export function imnormalize(image: Image, mean: readonly number[], std: readonly number[], toRgb: boolean): Image {
  assertHwc(image, 'imnormalize');
  const { channels } = image;
  if (mean.length !== channels || std.length !== channels) {
    throw new RangeError(`imnormalize: mean and std need ${channels} values each, got ${mean.length} and ${std.length}`);
  }
  const data = new Float32Array(image.data.length);
  const means = mean.map((value) => f32(value));
  const inverses = std.map((value) => {
    if (value === 0) throw new RangeError('imnormalize: std must not contain 0');
    return f32(1 / value);
  });
  const swap = toRgb && channels >= 3;
  for (let at = 0; at < data.length; at += channels) {
    for (let c = 0; c < channels; c++) {
      const from = swap && (c === 0 || c === 2) ? 2 - c : c;
      data[at + c] = f32(f32((image.data[at + from] as number) - (means[c] as number)) * (inverses[c] as number));
    }
  }
  return { ...image, data, channelOrder: swap ? (image.channelOrder === 'bgr' ? 'rgb' : image.channelOrder === 'rgb' ? 'bgr' : image.channelOrder) : image.channelOrder };
}
