import { type Image, assertHwc } from '../image/image';

/**
 * Equalizes the histogram of every channel of a uint8 image, as mmcv's `imequalize` and Pillow's
 * `ImageOps.equalize` (the same lookup table: cumulative counts shifted by half a step).
 *
 * @example
 * const equalized = equalize(image);
 */
export function equalize(image: Image): Image {
  assertHwc(image, 'equalize');
  const { channels } = image;
  const source = image.data;
  const data = source.slice();
  for (let c = 0; c < channels; c++) {
    const histogram = channelHistogram(image, c);
    let lastNonzero = 0;
    let total = 0;
    for (let v = 0; v < 256; v++) {
      const count = histogram[v] as number;
      if (count > 0) {
        lastNonzero = count;
        total += count;
      }
    }
    const step = Math.floor((total - lastNonzero) / 255);
    if (step === 0) continue;
    const lut = new Uint8Array(256);
    let n = Math.floor(step / 2);
    for (let v = 0; v < 256; v++) {
      lut[v] = Math.min(255, Math.floor(n / step));
      n += histogram[v] as number;
    }
    for (let at = c; at < data.length; at += channels) data[at] = lut[clampByte(source[at] as number)] as number;
  }
  return { ...image, data };
}

/**
 * Stretches every channel of a uint8 image so its darkest value becomes 0 and its brightest 255,
 * as mmcv's `auto_contrast` and Pillow's `ImageOps.autocontrast` (with no cutoff): the lookup
 * table `clip(v * 255 / (hi - lo) - lo * 255 / (hi - lo))` is truncated to integers.
 */
export function autoContrast(image: Image): Image {
  assertHwc(image, 'autoContrast');
  const { channels } = image;
  const source = image.data;
  const data = source.slice();
  for (let c = 0; c < channels; c++) {
    const histogram = channelHistogram(image, c);
    let low = 0;
    while (low < 256 && histogram[low] === 0) low++;
    let high = 255;
    while (high >= 0 && histogram[high] === 0) high--;
    if (low >= high) continue;
    const scale = 255 / (high - low);
    const offset = -low * scale;
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) {
      const value = v * scale + offset;
      lut[v] = value <= 0 ? 0 : value >= 255 ? 255 : Math.trunc(value);
    }
    for (let at = c; at < data.length; at += channels) data[at] = lut[clampByte(source[at] as number)] as number;
  }
  return { ...image, data };
}

/** Keeps the `bits` high bits of every value (`(v >> (8 - bits)) << (8 - bits)`), as `posterize`. */
export function posterize(image: Image, bits: number): Image {
  if (!Number.isInteger(bits) || bits < 0 || bits > 8) throw new RangeError(`posterize: bits must be an integer in [0, 8], got ${bits}`);
  const shift = 8 - bits;
  const data = image.data.slice();
  for (let i = 0; i < data.length; i++) data[i] = shift >= 8 ? 0 : ((data[i] as number) >> shift) << shift;
  return { ...image, data };
}

/** Inverts every value at or above `threshold` (`v < thr ? v : 255 - v`), as `solarize`. */
export function solarize(image: Image, threshold = 128): Image {
  const data = image.data.slice();
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    if (!(value < threshold)) data[i] = 255 - value;
  }
  return { ...image, data };
}

/** `255 - v` for every value, as mmcv's `iminvert`. */
export function invert(image: Image): Image {
  const data = image.data.slice();
  for (let i = 0; i < data.length; i++) data[i] = 255 - (data[i] as number);
  return { ...image, data };
}

/** The 256-bin histogram of one channel (values are clamped into [0, 255] first). */
export function channelHistogram(image: Image, channel: number): Int32Array {
  const histogram = new Int32Array(256);
  const source = image.data;
  for (let at = channel; at < source.length; at += image.channels) {
    const bin = clampByte(source[at] as number);
    histogram[bin] = (histogram[bin] as number) + 1;
  }
  return histogram;
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.trunc(value);
}
