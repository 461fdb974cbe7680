import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { adjustBrightness, adjustColor, adjustContrast, adjustSharpness } from '../../ops/photometric-cv2';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** The options of the operations with a signed magnitude. */
export interface MagnitudeOptions extends BaseAugOptions {
  /** A fixed magnitude (exclusive with `magnitude_range`). */
  magnitude?: number | null;
}

abstract class SignedMagnitudeTransform extends BaseAugTransform {
  readonly magnitude: number | undefined;
  constructor(options: MagnitudeOptions, owner: string) {
    super(options, owner);
    checkOneOf(options.magnitude, options.magnitude_range, owner, 'magnitude');
    this.magnitude = options.magnitude ?? undefined;
  }
  protected apply(image: Image, generator: Generator): Image {
    return this.enhance(image, 1 + this.magnitudeFor(this.magnitude, generator, true));
  }
  protected abstract enhance(image: Image, factor: number): Image;
}

/** Scales brightness by `1 + magnitude` (mmcv's `adjust_brightness`). */
export class Brightness extends SignedMagnitudeTransform {
  static readonly optionNames = ['magnitude', 'prob', 'random_negative_prob'];
  constructor(options: MagnitudeOptions = {}) {
    super(options, 'Brightness');
  }
  protected enhance(image: Image, factor: number): Image {
    return adjustBrightness(image, factor);
  }
}

/** Changes contrast by `1 + magnitude` (mmcv's `adjust_contrast`). */
export class Contrast extends SignedMagnitudeTransform {
  static readonly optionNames = ['magnitude', 'prob', 'random_negative_prob'];
  constructor(options: MagnitudeOptions = {}) {
    super(options, 'Contrast');
  }
  protected enhance(image: Image, factor: number): Image {
    return adjustContrast(image, factor);
  }
}

/** Changes the color balance by `1 + magnitude` (mmcv's `adjust_color`). */
export class ColorTransform extends SignedMagnitudeTransform {
  static readonly optionNames = ['magnitude', 'prob', 'random_negative_prob'];
  constructor(options: MagnitudeOptions = {}) {
    super(options, 'ColorTransform');
  }
  protected enhance(image: Image, factor: number): Image {
    return adjustColor(image, factor);
  }
}

/** Changes sharpness by `1 + magnitude` (mmcv's `adjust_sharpness`). */
export class Sharpness extends SignedMagnitudeTransform {
  static readonly optionNames = ['magnitude', 'prob', 'random_negative_prob'];
  constructor(options: MagnitudeOptions = {}) {
    super(options, 'Sharpness');
  }
  protected enhance(image: Image, factor: number): Image {
    return adjustSharpness(image, factor);
  }
}
