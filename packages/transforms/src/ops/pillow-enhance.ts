import { pillowLuma } from '../image/color';
import { type Image, assertHwc, assertUint8 } from '../image/image';

const f32 = Math.fround;

/**
 * Where the red channel of an image is, for the Pillow operations that weigh channels: `'rgb'`
 * for a PIL image (torchvision), `'bgr'` for mmcv's `pillow` backend (which hands Pillow
 * `img[..., ::-1]`).
 */
export type PillowChannelOrder = 'rgb' | 'bgr';

/**
 * `Image.blend(degenerate, image, factor)` for uint8 images: `d + factor * (v - d)` in float32,
 * truncated (and clipped when `factor` is outside [0, 1]).
 */
export function pillowBlend(image: Image, degenerate: number | ((index: number) => number), factor: number): Image {
  assertUint8(image, 'Pillow enhance');
  const alpha = f32(factor);
  const source = image.data;
  const data = new Uint8Array(source.length);
  const blend = (value: number, d: number) => {
    const result = f32(d + f32(alpha * (value - d)));
    return result <= 0 ? 0 : result >= 255 ? 255 : Math.trunc(result);
  };
  if (typeof degenerate === 'number') {
    const table = new Uint8Array(256);
    for (let value = 0; value < 256; value++) table[value] = blend(value, degenerate);
    for (let i = 0; i < data.length; i++) data[i] = table[source[i] as number] as number;
  } else {
    for (let i = 0; i < data.length; i++) data[i] = blend(source[i] as number, degenerate(i));
  }
  return { ...image, data };
}

/** `ImageEnhance.Brightness(img).enhance(factor)`: blends with black. */
export function pillowBrightness(image: Image, factor: number): Image {
  return pillowBlend(image, 0, factor);
}

/** The luma (`convert('L')`) of every pixel; the image itself for one channel. */
export function pillowLumaPlane(image: Image, order: PillowChannelOrder): Uint8Array {
  assertHwc(image, 'Pillow convert("L")');
  if (image.channels === 1) return image.data as Uint8Array;
  const size = image.height * image.width;
  const luma = new Uint8Array(size);
  const source = image.data;
  const { channels } = image;
  const red = order === 'rgb' ? 0 : 2;
  const blue = 2 - red;
  for (let i = 0, at = 0; i < size; i++, at += channels) {
    luma[i] = pillowLuma(source[at + red] as number, source[at + 1] as number, source[at + blue] as number);
  }
  return luma;
}

/**
 * `ImageEnhance.Contrast(img).enhance(factor)`: blends with the mean luma rounded half up
 * (`int(mean + 0.5)`).
 */
export function pillowContrast(image: Image, factor: number, order: PillowChannelOrder = 'rgb'): Image {
  const luma = pillowLumaPlane(image, order);
  let sum = 0;
  for (let i = 0; i < luma.length; i++) sum += luma[i] as number;
  const mean = Math.trunc(sum / Math.max(1, luma.length) + 0.5);
  return pillowBlend(image, mean, factor);
}

/** `ImageEnhance.Color(img).enhance(factor)` (saturation): blends with the luma image. */
export function pillowColor(image: Image, factor: number, order: PillowChannelOrder = 'rgb'): Image {
  const luma = pillowLumaPlane(image, order);
  const { channels } = image;
  return pillowBlend(image, (index) => luma[Math.floor(index / channels)] as number, factor);
}

/** `ImageEnhance.Sharpness(img).enhance(factor)`: blends with `ImageFilter.SMOOTH`. */
export function pillowSharpness(image: Image, factor: number): Image {
  const smooth = pillowSmooth(image);
  return pillowBlend(image, (index) => smooth[index] as number, factor);
}

/**
 * Pillow's 3x3 `SMOOTH` filter (`[[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13`): border pixels are
 * copied, inner ones rounded half up.
 */
export function pillowSmooth(image: Image): Uint8Array {
  assertHwc(image, 'Pillow SMOOTH');
  const { height, width, channels } = image;
  const source = image.data as Uint8Array;
  const out = source.slice();
  const k1 = f32(1 / 13);
  const k5 = f32(5 / 13);
  const kernel = [k1, k1, k1, k1, k5, k1, k1, k1, k1];
  const stride = width * channels;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        // Pillow adds the row below first, then the row, then the row above.
        for (const [row, offset] of [
          [y + 1, 0],
          [y, 3],
          [y - 1, 6],
        ] as const) {
          const base = row * stride + c;
          const term = f32(
            f32(f32((source[base + (x - 1) * channels] as number) * (kernel[offset] as number)) + f32((source[base + x * channels] as number) * (kernel[offset + 1] as number))) +
              f32((source[base + (x + 1) * channels] as number) * (kernel[offset + 2] as number)),
          );
          sum = f32(sum + term);
        }
        out[y * stride + x * channels + c] = sum <= 0 ? 0 : sum >= 255 ? 255 : Math.trunc(sum + 0.5);
      }
    }
  }
  return out;
}

/**
 * Shifts the hue as torchvision's `adjust_hue` on a PIL image (and mmcv's `pillow` backend):
 * RGB -> HSV with Pillow's conversion, `h += uint8(factor * 255)` (wrapping), HSV -> RGB.
 */
export function pillowAdjustHue(image: Image, factor: number, order: PillowChannelOrder = 'rgb'): Image {
  if (!(factor >= -0.5 && factor <= 0.5)) throw new RangeError(`adjust_hue: hue_factor must be in [-0.5, 0.5], got ${factor}`);
  assertHwc(image, 'adjust_hue');
  assertUint8(image, 'adjust_hue');
  if (image.channels < 3) return image;
  const shift = Math.trunc(factor * 255) & 255;
  const { channels } = image;
  const source = image.data;
  const data = source.slice();
  const red = order === 'rgb' ? 0 : 2;
  const blue = 2 - red;
  const hsv = [0, 0, 0];
  const rgb = [0, 0, 0];
  for (let at = 0; at < data.length; at += channels) {
    rgbToHsv(source[at + red] as number, source[at + 1] as number, source[at + blue] as number, hsv);
    hsvToRgb(((hsv[0] as number) + shift) & 255, hsv[1] as number, hsv[2] as number, rgb);
    data[at + red] = rgb[0] as number;
    data[at + 1] = rgb[1] as number;
    data[at + blue] = rgb[2] as number;
  }
  return { ...image, data };
}

function clip8(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : value;
}

function rgbToHsv(r: number, g: number, b: number, out: number[]): void {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) {
    out[0] = 0;
    out[1] = 0;
    out[2] = max;
    return;
  }
  const cr = f32(max - min);
  const s = f32(cr / max);
  const rc = f32((max - r) / cr);
  const gc = f32((max - g) / cr);
  const bc = f32((max - b) / cr);
  let h: number;
  if (r === max) h = f32(bc - gc);
  else if (g === max) h = f32(f32(2 + rc) - bc);
  else h = f32(f32(4 + gc) - rc);
  h = f32((h / 6 + 1) % 1);
  out[0] = clip8(Math.trunc(h * 255));
  out[1] = clip8(Math.trunc(s * 255));
  out[2] = max;
}

function roundHalfAway(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

function hsvToRgb(h: number, s: number, v: number, out: number[]): void {
  if (s === 0) {
    out[0] = v;
    out[1] = v;
    out[2] = v;
    return;
  }
  const i = Math.floor((h * 6) / 255);
  const f = f32((h * 6) / 255 - i);
  const fs = f32(s / 255);
  const p = clip8(roundHalfAway(v * (1 - fs)));
  const q = clip8(roundHalfAway(v * (1 - f32(fs * f))));
  const t = clip8(roundHalfAway(v * (1 - fs * (1 - f))));
  switch (i % 6) {
    case 0:
      [out[0], out[1], out[2]] = [v, t, p];
      break;
    case 1:
      [out[0], out[1], out[2]] = [q, v, p];
      break;
    case 2:
      [out[0], out[1], out[2]] = [p, v, t];
      break;
    case 3:
      [out[0], out[1], out[2]] = [p, q, v];
      break;
    case 4:
      [out[0], out[1], out[2]] = [t, p, v];
      break;
    default:
      [out[0], out[1], out[2]] = [v, p, q];
  }
}
