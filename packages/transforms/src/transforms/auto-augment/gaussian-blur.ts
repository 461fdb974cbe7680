import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { pillowGaussianBlur } from '../../ops/pillow-gaussian-blur';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** The options of {@link GaussianBlur}. */
export interface GaussianBlurOptions extends BaseAugOptions {
  /** The blur radius (exclusive with `magnitude_range`). */
  radius?: number | null;
}

/** Blurs with Pillow's `GaussianBlur(radius)`. */
export class GaussianBlur extends BaseAugTransform {
  readonly radius: number | undefined;
  static readonly optionNames = ['radius', 'prob'];
  constructor(options: GaussianBlurOptions = {}) {
    super({ ...options, random_negative_prob: 0 }, 'GaussianBlur');
    checkOneOf(options.radius, options.magnitude_range, 'GaussianBlur', 'radius');
    this.radius = options.radius ?? undefined;
  }
  protected apply(image: Image, generator: Generator): Image {
    return pillowGaussianBlur(image, this.radius ?? this.randomMagnitude(generator));
  }
}
