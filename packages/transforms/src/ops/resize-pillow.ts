import { type Image, assertHwc, assertUint8, createImage } from '../image/image';
import type { PillowInterpolation } from './interpolation';
import { PILLOW_FILTERS } from './pillow-filters';

const PRECISION_BITS = 22;
const PRECISION_SCALE = 1 << PRECISION_BITS;
const HALF = 1 << (PRECISION_BITS - 1);

/**
 * Resizes a uint8 HWC image the way Pillow's `Image.resize` does (mmcv's `pillow` backend, and
 * torchvision on PIL images): a separable convolution whose filter widens with the shrink factor
 * (antialiasing), 22-bit fixed-point weights, horizontal pass first; `nearest` samples
 * `floor((x + 0.5) * src / dst)`. Channels are resampled independently (Pillow premultiplies the
 * alpha of RGBA images; this does not).
 *
 * @example
 * resizePillow(image, 224, 224, 'bicubic');
 */
export function resizePillow(image: Image, width: number, height: number, interpolation: PillowInterpolation = 'bilinear'): Image {
  assertHwc(image, 'resize (pillow)');
  assertUint8(image, 'resize (pillow backend)');
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`resize (pillow): the output size must be positive integers, got ${width}x${height} (width x height)`);
  }
  if (image.width === 0 || image.height === 0) throw new RangeError(`resize (pillow): cannot resize an empty ${image.height}x${image.width} image`);
  if (width === image.width && height === image.height) return { ...image, data: image.data.slice() };
  if (interpolation === 'nearest') return resizeNearest(image, width, height);
  const filter = PILLOW_FILTERS[interpolation];
  let current = image;
  const vertical = coefficients(image.height, height, filter.support, filter.kernel);
  if (width !== image.width) {
    const horizontal = coefficients(image.width, width, filter.support, filter.kernel);
    const first = vertical.bounds[0] as number;
    const last = (vertical.bounds[(height - 1) * 2] as number) + (vertical.bounds[(height - 1) * 2 + 1] as number);
    if (height !== image.height) {
      for (let y = 0; y < height; y++) vertical.bounds[y * 2] = (vertical.bounds[y * 2] as number) - first;
      current = resampleHorizontal(image, horizontal, first, last - first);
    } else {
      current = resampleHorizontal(image, horizontal, 0, image.height);
    }
  }
  if (height !== image.height) current = resampleVertical(current, vertical);
  return current;
}

interface Coefficients {
  ksize: number;
  /** Pairs (first source index, tap count) per output index. */
  bounds: Int32Array;
  weights: Int32Array;
}

function coefficients(inSize: number, outSize: number, support: number, kernel: (x: number) => number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const scaledSupport = support * filterScale;
  const ksize = Math.ceil(scaledSupport) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const values = new Float64Array(ksize);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    const inverse = 1 / filterScale;
    let min = Math.trunc(center - scaledSupport + 0.5);
    if (min < 0) min = 0;
    let max = Math.trunc(center + scaledSupport + 0.5);
    if (max > inSize) max = inSize;
    max -= min;
    let total = 0;
    for (let x = 0; x < max; x++) {
      const weight = kernel((x + min - center + 0.5) * inverse);
      values[x] = weight;
      total += weight;
    }
    for (let x = 0; x < ksize; x++) {
      let weight = x < max ? (values[x] as number) : 0;
      if (x < max && total !== 0) weight /= total;
      weights[out * ksize + x] = weight < 0 ? Math.trunc(-0.5 + weight * PRECISION_SCALE) : Math.trunc(0.5 + weight * PRECISION_SCALE);
    }
    bounds[out * 2] = min;
    bounds[out * 2 + 1] = max;
  }
  return { ksize, bounds, weights };
}

function clip8(value: number): number {
  if (value <= 0) return 0;
  const shifted = Math.floor(value / PRECISION_SCALE);
  return shifted > 255 ? 255 : shifted;
}

function resampleHorizontal(image: Image, coefficients: Coefficients, firstRow: number, rowCount: number): Image {
  const { channels, width: inWidth } = image;
  const outWidth = coefficients.bounds.length / 2;
  const output = createImage(rowCount, outWidth, channels, { channelOrder: image.channelOrder });
  const source = image.data as Uint8Array;
  const target = output.data as Uint8Array;
  const { ksize, bounds, weights } = coefficients;
  for (let y = 0; y < rowCount; y++) {
    const row = (y + firstRow) * inWidth * channels;
    for (let x = 0; x < outWidth; x++) {
      const min = bounds[x * 2] as number;
      const count = bounds[x * 2 + 1] as number;
      const base = x * ksize;
      for (let c = 0; c < channels; c++) {
        let sum = HALF;
        for (let k = 0; k < count; k++) sum += (source[row + (min + k) * channels + c] as number) * (weights[base + k] as number);
        target[(y * outWidth + x) * channels + c] = clip8(sum);
      }
    }
  }
  return output;
}

function resampleVertical(image: Image, coefficients: Coefficients): Image {
  const { channels, width } = image;
  const outHeight = coefficients.bounds.length / 2;
  const output = createImage(outHeight, width, channels, { channelOrder: image.channelOrder });
  const source = image.data as Uint8Array;
  const target = output.data as Uint8Array;
  const { ksize, bounds, weights } = coefficients;
  const rowLength = width * channels;
  for (let y = 0; y < outHeight; y++) {
    const min = bounds[y * 2] as number;
    const count = bounds[y * 2 + 1] as number;
    const base = y * ksize;
    for (let x = 0; x < rowLength; x++) {
      let sum = HALF;
      for (let k = 0; k < count; k++) sum += (source[(min + k) * rowLength + x] as number) * (weights[base + k] as number);
      target[y * rowLength + x] = clip8(sum);
    }
  }
  return output;
}

function resizeNearest(image: Image, width: number, height: number): Image {
  const { channels } = image;
  const output = createImage(height, width, channels, { channelOrder: image.channelOrder });
  const scaleX = image.width / width;
  const scaleY = image.height / height;
  const columns = new Int32Array(width);
  let xo = scaleX * 0.5;
  for (let x = 0; x < width; x++) {
    const xin = xo < 0 ? -1 : Math.trunc(xo);
    columns[x] = Math.min(Math.max(xin, 0), image.width - 1);
    xo += scaleX;
  }
  let yo = scaleY * 0.5;
  const source = image.data;
  const target = output.data;
  for (let y = 0; y < height; y++) {
    const yin = Math.min(Math.max(yo < 0 ? -1 : Math.trunc(yo), 0), image.height - 1);
    for (let x = 0; x < width; x++) {
      const from = (yin * image.width + (columns[x] as number)) * channels;
      const to = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) target[to + c] = source[from + c] as number;
    }
    yo += scaleY;
  }
  return output;
}
