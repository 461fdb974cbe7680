import { type Image, assertHwc } from '../image/image';
import { cv2Scalar, perChannel } from './border';
import type { Interpolation } from './interpolation';
import { type AffineMatrix, warpAffineCv2 } from './warp-affine-cv2';
import { roundHalfEven } from './rounding';

const f32 = Math.fround;

/** The options of {@link imrotate}. */
export interface RotateOptions {
  /** The rotation centre `(x, y)`; the image centre `((w - 1) / 2, (h - 1) / 2)` by default. */
  center?: readonly [number, number];
  /** Isotropic scale. Defaults to 1. */
  scale?: number;
  /** The fill value, passed to OpenCV as is: one number fills the first channel only. Defaults to 0. */
  borderValue?: number | readonly number[];
  /** Defaults to `'bilinear'`. */
  interpolation?: Interpolation;
  /** Grow the canvas to hold the whole rotated image. Defaults to false. */
  autoBound?: boolean;
}

/**
 * Rotates an image by `angle` degrees clockwise, as mmcv's `imrotate` (`cv2.getRotationMatrix2D`
 * then `cv2.warpAffine`).
 *
 * @example
 * imrotate(image, 30, { borderValue: [104, 116, 124], interpolation: 'bicubic' });
 */
export function imrotate(image: Image, angle: number, options: RotateOptions = {}): Image {
  assertHwc(image, 'imrotate');
  if (options.center && options.autoBound) throw new Error('imrotate: autoBound conflicts with center');
  let width = image.width;
  let height = image.height;
  const [cx, cy] = options.center ?? [(width - 1) * 0.5, (height - 1) * 0.5];
  const centerX = f32(cx);
  const centerY = f32(cy);
  const radians = (-angle * Math.PI) / 180;
  const scale = options.scale ?? 1;
  const alpha = Math.cos(radians) * scale;
  const beta = Math.sin(radians) * scale;
  const matrix: [number, number, number, number, number, number] = [
    alpha,
    beta,
    (1 - alpha) * centerX - beta * centerY,
    -beta,
    alpha,
    beta * centerX + (1 - alpha) * centerY,
  ];
  if (options.autoBound) {
    const cos = Math.abs(matrix[0]);
    const sin = Math.abs(matrix[1]);
    const newWidth = height * sin + width * cos;
    const newHeight = height * cos + width * sin;
    matrix[2] += (newWidth - width) * 0.5;
    matrix[5] += (newHeight - height) * 0.5;
    width = roundHalfEven(newWidth);
    height = roundHalfEven(newHeight);
  }
  const fill = cv2Scalar(options.borderValue ?? 0, image.channels);
  return warpAffineCv2(image, matrix, width, height, options.interpolation ?? 'bilinear', fill);
}

/** The options of {@link imshear} and {@link imtranslate}. */
export interface ShiftOptions {
  /** `'horizontal'` (default) or `'vertical'`. */
  direction?: 'horizontal' | 'vertical';
  /** The fill value: one number for every channel, or one value per channel. Defaults to 0. */
  borderValue?: number | readonly number[];
  /** Defaults to `'bilinear'`. */
  interpolation?: Interpolation;
}

/**
 * Shears an image, as mmcv's `imshear`: the forward matrix `[[1, m, 0], [0, 1, 0]]` (horizontal)
 * or `[[1, 0, 0], [m, 1, 0]]` (vertical) in float32, warped with OpenCV's arithmetic.
 *
 * @example
 * imshear(image, 0.3, { direction: 'horizontal', borderValue: 128, interpolation: 'bicubic' });
 */
export function imshear(image: Image, magnitude: number, options: ShiftOptions = {}): Image {
  const m = f32(magnitude);
  const matrix: AffineMatrix = (options.direction ?? 'horizontal') === 'horizontal' ? [1, m, 0, 0, 1, 0] : [1, 0, 0, m, 1, 0];
  return warpAffineCv2(image, matrix, image.width, image.height, options.interpolation ?? 'bilinear', shiftFill(image, options, 'imshear'));
}

/**
 * Translates an image by `offset` pixels, as mmcv's `imtranslate` (the offset is rounded to
 * float32 like mmcv's matrix).
 *
 * @example
 * imtranslate(image, -12.5, { direction: 'vertical', borderValue: 128 });
 */
export function imtranslate(image: Image, offset: number, options: ShiftOptions = {}): Image {
  const o = f32(offset);
  const matrix: AffineMatrix = (options.direction ?? 'horizontal') === 'horizontal' ? [1, 0, o, 0, 1, 0] : [1, 0, 0, 0, 1, o];
  return warpAffineCv2(image, matrix, image.width, image.height, options.interpolation ?? 'bilinear', shiftFill(image, options, 'imtranslate'));
}

function shiftFill(image: Image, options: ShiftOptions, owner: string): number[] {
  const direction = options.direction ?? 'horizontal';
  if (direction !== 'horizontal' && direction !== 'vertical') {
    throw new RangeError(`${owner}: direction must be 'horizontal' or 'vertical', got ${JSON.stringify(direction)}`);
  }
  const values = perChannel(options.borderValue ?? 0, image.channels, owner, 'border_value');
  // mmcv keeps only the first three values; OpenCV fills the rest with 0.
  return values.map((value, channel) => (channel < 3 ? value : 0));
}

