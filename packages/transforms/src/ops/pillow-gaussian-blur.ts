import { type Image, assertHwc, assertUint8 } from '../image/image';

const f32 = Math.fround;

/**
 * Pillow's `ImageFilter.GaussianBlur(radius)` on a uint8 HWC image: three passes of an extended
 * box blur per axis (the box radius comes from Gwosdek et al.), in Pillow's 24-bit fixed point,
 * with edge pixels repeated.
 *
 * @example
 * pillowGaussianBlur(image, 1.5);
 */
export function pillowGaussianBlur(image: Image, radius: number): Image {
  assertHwc(image, 'GaussianBlur');
  assertUint8(image, 'GaussianBlur');
  if (!(radius >= 0)) throw new RangeError(`GaussianBlur: radius must be >= 0, got ${radius}`);
  const passes = 3;
  const sigma2 = f32(f32(f32(radius) * f32(radius)) / passes);
  const length = f32(Math.sqrt(12 * sigma2 + 1));
  const whole = f32(Math.floor((length - 1) / 2));
  let fraction = f32((2 * whole + 1) * (whole * (whole + 1) - 3 * sigma2));
  fraction = f32(fraction / (6 * (sigma2 - (whole + 1) * (whole + 1))));
  const boxRadius = f32(whole + fraction);
  const { height, width, channels } = image;
  let data: Uint8Array = new Uint8Array(image.data);
  for (let pass = 0; pass < passes; pass++) data = boxBlurRows(data, height, width, channels, boxRadius);
  let transposed: Uint8Array = transpose(data, height, width, channels);
  for (let pass = 0; pass < passes; pass++) transposed = boxBlurRows(transposed, width, height, channels, boxRadius);
  data = transpose(transposed, width, height, channels);
  return { ...image, data };
}

function transpose(data: Uint8Array, height: number, width: number, channels: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * channels;
      const to = (x * height + y) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c] as number;
    }
  }
  return out;
}

function boxBlurRows(data: Uint8Array, height: number, width: number, channels: number, floatRadius: number): Uint8Array {
  const radius = Math.trunc(floatRadius);
  const ww = Math.trunc(2 ** 24 / f32(floatRadius * 2 + 1));
  const fw = Math.floor((2 ** 24 - (radius * 2 + 1) * ww) / 2);
  const out = new Uint8Array(data.length);
  const lastX = width - 1;
  const edgeA = Math.min(radius + 1, width);
  const edgeB = Math.max(width - radius - 1, 0);
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let c = 0; c < channels; c++) {
      const at = (x: number) => data[row + x * channels + c] as number;
      const save = (x: number, bulk: number) => {
        out[row + x * channels + c] = Math.floor((bulk + 2 ** 23) / 2 ** 24);
      };
      let acc = at(0) * (radius + 1);
      for (let x = 0; x < edgeA - 1; x++) acc += at(x);
      acc += at(lastX) * (radius - edgeA + 1);
      if (edgeA <= edgeB) {
        for (let x = 0; x < edgeA; x++) {
          acc += at(x + radius) - at(0);
          save(x, acc * ww + (at(0) + at(x + radius + 1)) * fw);
        }
        for (let x = edgeA; x < edgeB; x++) {
          acc += at(x + radius) - at(x - radius - 1);
          save(x, acc * ww + (at(x - radius - 1) + at(x + radius + 1)) * fw);
        }
        for (let x = edgeB; x <= lastX; x++) {
          acc += at(lastX) - at(x - radius - 1);
          save(x, acc * ww + (at(x - radius - 1) + at(lastX)) * fw);
        }
      } else {
        for (let x = 0; x < edgeB; x++) {
          acc += at(x + radius) - at(0);
          save(x, acc * ww + (at(0) + at(x + radius + 1)) * fw);
        }
        for (let x = edgeB; x < edgeA; x++) {
          acc += at(lastX) - at(0);
          save(x, acc * ww + (at(0) + at(lastX)) * fw);
        }
        for (let x = edgeA; x <= lastX; x++) {
          acc += at(lastX) - at(x - radius - 1);
          save(x, acc * ww + (at(x - radius - 1) + at(lastX)) * fw);
        }
      }
    }
  }
  return out;
}
