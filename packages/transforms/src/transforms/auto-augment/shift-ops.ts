import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { perChannel } from '../../ops/border';
import { imshear, imtranslate } from '../../ops/geometric';
import { type Interpolation, checkInterpolation } from '../../ops/interpolation';
import { checkChoice } from '../../pipeline/checks';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** The options of {@link Shear} and {@link Translate}. */
export interface ShiftOptions extends BaseAugOptions {
  /** A fixed magnitude (exclusive with `magnitude_range`). */
  magnitude?: number | null;
  /** The fill: one number for every channel or one per channel. Defaults to 128. */
  pad_val?: number | readonly number[];
  /** `'horizontal'` (default) or `'vertical'`. */
  direction?: 'horizontal' | 'vertical';
  interpolation?: Interpolation;
}

/** Shears the image by `magnitude` (mmcv's `imshear`); bicubic by default. */
export class Shear extends BaseAugTransform {
  readonly magnitude: number | undefined;
  readonly padValue: number | readonly number[];
  readonly direction: 'horizontal' | 'vertical';
  readonly interpolation: Interpolation;
  static readonly optionNames = ['magnitude', 'pad_val', 'prob', 'direction', 'random_negative_prob', 'interpolation'];

  constructor(options: ShiftOptions = {}) {
    super(options, 'Shear');
    checkOneOf(options.magnitude, options.magnitude_range, 'Shear', 'magnitude');
    this.magnitude = options.magnitude ?? undefined;
    this.padValue = options.pad_val ?? 128;
    this.direction = checkChoice(options.direction ?? 'horizontal', ['horizontal', 'vertical'], 'Shear', 'direction');
    this.interpolation = options.interpolation ?? 'bicubic';
    checkInterpolation(this.interpolation, 'cv2', 'Shear');
  }

  protected apply(image: Image, generator: Generator): Image {
    const magnitude = this.magnitudeFor(this.magnitude, generator, true);
    return imshear(image, magnitude, { direction: this.direction, borderValue: perChannel(this.padValue, image.channels, 'Shear'), interpolation: this.interpolation });
  }
}

/** Translates the image by `magnitude` times its width or height (mmcv's `imtranslate`); nearest by default. */
export class Translate extends BaseAugTransform {
  readonly magnitude: number | undefined;
  readonly padValue: number | readonly number[];
  readonly direction: 'horizontal' | 'vertical';
  readonly interpolation: Interpolation;
  static readonly optionNames = ['magnitude', 'pad_val', 'prob', 'direction', 'random_negative_prob', 'interpolation'];

  constructor(options: ShiftOptions = {}) {
    super(options, 'Translate');
    checkOneOf(options.magnitude, options.magnitude_range, 'Translate', 'magnitude');
    this.magnitude = options.magnitude ?? undefined;
    this.padValue = options.pad_val ?? 128;
    this.direction = checkChoice(options.direction ?? 'horizontal', ['horizontal', 'vertical'], 'Translate', 'direction');
    this.interpolation = options.interpolation ?? 'nearest';
    checkInterpolation(this.interpolation, 'cv2', 'Translate');
  }

  protected apply(image: Image, generator: Generator): Image {
    const magnitude = this.magnitudeFor(this.magnitude, generator, true);
    const offset = magnitude * (this.direction === 'horizontal' ? image.width : image.height);
    return imtranslate(image, offset, { direction: this.direction, borderValue: perChannel(this.padValue, image.channels, 'Translate'), interpolation: this.interpolation });
  }
}
