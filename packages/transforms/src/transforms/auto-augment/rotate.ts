import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { cv2Scalar } from '../../ops/border';
import { imrotate } from '../../ops/geometric';
import { type Interpolation, checkInterpolation } from '../../ops/interpolation';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** The options of {@link Rotate}. */
export interface RotateOptions extends BaseAugOptions {
  /** A fixed angle in degrees, clockwise (exclusive with `magnitude_range`). */
  angle?: number | null;
  /** The centre `(x, y)`; the image centre by default. */
  center?: readonly [number, number] | null;
  /** Defaults to 1. */
  scale?: number;
  /** The fill; a single number fills the first channel only, as OpenCV does. Defaults to 128. */
  pad_val?: number | readonly number[];
  interpolation?: Interpolation;
}

/** Rotates the image (mmcv's `imrotate`); nearest by default. */
export class Rotate extends BaseAugTransform {
  readonly angle: number | undefined;
  readonly center: readonly [number, number] | undefined;
  readonly scale: number;
  readonly padValue: number | readonly number[];
  readonly interpolation: Interpolation;
  static readonly optionNames = ['angle', 'center', 'scale', 'pad_val', 'prob', 'random_negative_prob', 'interpolation'];

  constructor(options: RotateOptions = {}) {
    super(options, 'Rotate');
    checkOneOf(options.angle, options.magnitude_range, 'Rotate', 'angle');
    this.angle = options.angle ?? undefined;
    this.center = options.center ?? undefined;
    this.scale = options.scale ?? 1;
    this.padValue = options.pad_val ?? 128;
    this.interpolation = options.interpolation ?? 'nearest';
    checkInterpolation(this.interpolation, 'cv2', 'Rotate');
  }

  protected apply(image: Image, generator: Generator): Image {
    const angle = this.magnitudeFor(this.angle, generator, true);
    return imrotate(image, angle, {
      center: this.center,
      scale: this.scale,
      borderValue: cv2Scalar(this.padValue, image.channels),
      interpolation: this.interpolation,
    });
  }
}
