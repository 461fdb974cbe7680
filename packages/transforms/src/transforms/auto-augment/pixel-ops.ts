import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { autoContrast, equalize, invert, posterize, solarize } from '../../ops/histogram-ops';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** Options of the operations without a magnitude. */
export type ProbOnlyOptions = BaseAugOptions;

/** Stretches each channel to [0, 255] (mmcv's `auto_contrast`). */
export class AutoContrast extends BaseAugTransform {
  static readonly optionNames = ['prob'];
  constructor(options: ProbOnlyOptions = {}) {
    super(options, 'AutoContrast');
  }
  protected apply(image: Image): Image {
    return autoContrast(image);
  }
}

/** Equalizes the histogram of each channel (mmcv's `imequalize`). */
export class Equalize extends BaseAugTransform {
  static readonly optionNames = ['prob'];
  constructor(options: ProbOnlyOptions = {}) {
    super(options, 'Equalize');
  }
  protected apply(image: Image): Image {
    return equalize(image);
  }
}

/** Inverts the image (`255 - v`). */
export class Invert extends BaseAugTransform {
  static readonly optionNames = ['prob'];
  constructor(options: ProbOnlyOptions = {}) {
    super(options, 'Invert');
  }
  protected apply(image: Image): Image {
    return invert(image);
  }
}

/** The options of {@link Solarize}. */
export interface SolarizeOptions extends BaseAugOptions {
  /** The threshold (exclusive with `magnitude_range`). */
  thr?: number | null;
}

/** Inverts the values at or above a threshold. */
export class Solarize extends BaseAugTransform {
  readonly thr: number | undefined;
  static readonly optionNames = ['thr', 'prob'];
  constructor(options: SolarizeOptions = {}) {
    super({ ...options, random_negative_prob: 0 }, 'Solarize');
    checkOneOf(options.thr, options.magnitude_range, 'Solarize', 'thr');
    this.thr = options.thr ?? undefined;
  }
  protected apply(image: Image, generator: Generator): Image {
    return solarize(image, this.thr ?? this.randomMagnitude(generator));
  }
}

/** The options of {@link SolarizeAdd}. */
export interface SolarizeAddOptions extends BaseAugOptions {
  /** The value added (exclusive with `magnitude_range`). */
  magnitude?: number | null;
  /** Values below it get the magnitude added. Defaults to 128. */
  thr?: number;
}

/** Adds `magnitude` to the values below `thr` (capped at 255). */
export class SolarizeAdd extends BaseAugTransform {
  readonly magnitude: number | undefined;
  readonly thr: number;
  static readonly optionNames = ['magnitude', 'thr', 'prob'];
  constructor(options: SolarizeAddOptions = {}) {
    super({ ...options, random_negative_prob: 0 }, 'SolarizeAdd');
    checkOneOf(options.magnitude, options.magnitude_range, 'SolarizeAdd', 'magnitude');
    this.magnitude = options.magnitude ?? undefined;
    const thr = options.thr ?? 128;
    if (typeof thr !== 'number') throw new TypeError(`SolarizeAdd: the thr type must be int or float, got ${typeof thr}`);
    this.thr = thr;
  }
  protected apply(image: Image, generator: Generator): Image {
    const magnitude = this.magnitude ?? this.randomMagnitude(generator);
    const data = image.data.slice();
    // numpy adds an int to a uint8 array in uint8 (wrapping); a float promotes to float.
    const wraps = data instanceof Uint8Array && Number.isInteger(magnitude) && magnitude >= 0 && magnitude <= 255;
    for (let i = 0; i < data.length; i++) {
      const value = data[i] as number;
      if (value < this.thr) {
        const sum = wraps ? (value + magnitude) & 255 : value + magnitude;
        data[i] = data instanceof Uint8Array ? Math.trunc(Math.min(sum, 255)) : Math.min(sum, 255);
      }
    }
    return { ...image, data };
  }
}

/** The options of {@link Posterize}. */
export interface PosterizeOptions extends BaseAugOptions {
  /** The bits to keep, at most 8 (exclusive with `magnitude_range`). */
  bits?: number | null;
}

/** Keeps the high `ceil(bits)` bits of every value. */
export class Posterize extends BaseAugTransform {
  readonly bits: number | undefined;
  static readonly optionNames = ['bits', 'prob'];
  constructor(options: PosterizeOptions = {}) {
    super({ ...options, random_negative_prob: 0 }, 'Posterize');
    checkOneOf(options.bits, options.magnitude_range, 'Posterize', 'bits');
    if (options.bits !== undefined && options.bits !== null && options.bits > 8) throw new RangeError(`Posterize: the bits must be at most 8, got ${options.bits}`);
    this.bits = options.bits ?? undefined;
  }
  protected apply(image: Image, generator: Generator): Image {
    const bits = Math.ceil(this.bits ?? this.randomMagnitude(generator));
    return posterize(image, Math.min(8, Math.max(0, bits)));
  }
}
