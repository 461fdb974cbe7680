import type { Image } from '../../image/image';
import type { PillowInterpolation } from '../../ops/interpolation';
import type { Sample } from '../../pipeline/sample';
import { sampleImage } from '../sample-image';

/** torchvision's interpolation modes, by the names MMPretrain maps from strings. */
export type TorchvisionInterpolation = 'nearest' | 'bilinear' | 'bicubic' | 'box' | 'hamming' | 'lanczos';

/** Parses an interpolation name as MMPretrain's `_interpolation_modes_from_str` (case-insensitive). */
export function torchvisionInterpolation(value: unknown, owner: string, fallback: TorchvisionInterpolation): TorchvisionInterpolation {
  if (value === undefined || value === null) return fallback;
  const name = typeof value === 'string' ? value.toLowerCase().replace(/^interpolationmode\./, '') : '';
  const mapped = name === 'hammimg' ? 'hamming' : name;
  if (!['nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'].includes(mapped)) {
    throw new RangeError(`${owner}: interpolation must be one of 'nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos', got ${JSON.stringify(value)}`);
  }
  return mapped as TorchvisionInterpolation;
}

/** The PIL image a torchvision transform works on: a uint8 HWC image (after `NumpyToPIL`). */
export function pilImage(results: Sample, owner: string): Image {
  const image = sampleImage(results, owner);
  if (image.layout !== 'hwc' || !(image.data instanceof Uint8Array)) {
    throw new TypeError(`${owner}: expects a PIL-style uint8 HWC image (put it before PILToTensor/ConvertImageDtype, after NumpyToPIL)`);
  }
  return image;
}

/** The tensor-style CHW float image a torchvision tensor transform works on. */
export function tensorImage(results: Sample, owner: string): Image {
  const image = sampleImage(results, owner);
  if (image.layout !== 'chw') throw new TypeError(`${owner}: expects a tensor image (CHW); put it after torchvision/PILToTensor`);
  return image;
}

/** A size option (`int`, `[int]` or `[h, w]`) as `[h, w]`. */
export function sizePair(value: unknown, owner: string): [number, number] {
  const list = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 1 ? [value[0], value[0]] : value;
  if (!Array.isArray(list) || list.length !== 2 || !list.every((item) => Number.isInteger(item) && item > 0)) {
    throw new RangeError(`${owner}: size must be a positive int or (h, w), got ${JSON.stringify(value)}`);
  }
  return [list[0] as number, list[1] as number];
}

/** A PIL resampling filter for `Image.resize`. */
export function pillowFilter(mode: TorchvisionInterpolation): PillowInterpolation {
  return mode;
}

/** The fill of a torchvision transform on a PIL image (`_parse_fill`): zeros by default. */
export function parseFill(fill: unknown, channels: number, owner: string): number[] {
  if (fill === undefined || fill === null) return new Array<number>(channels).fill(0);
  if (typeof fill === 'number') return new Array<number>(channels).fill(fill);
  if (Array.isArray(fill) && fill.length === 1) return new Array<number>(channels).fill(fill[0] as number);
  if (Array.isArray(fill) && fill.length === channels) return fill.map(Number);
  throw new RangeError(`${owner}: fill must be a number or one value per channel (${channels}), got ${JSON.stringify(fill)}`);
}
