import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { pillowAdjustHue, pillowBrightness, pillowColor, pillowContrast } from '../../ops/pillow-enhance';
import { adjustBrightness, adjustColor, adjustContrast } from '../../ops/photometric-cv2';
import { checkChoice } from '../../pipeline/checks';
import { permutation, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link ColorJitter} (MMPretrain's names). */
export interface ColorJitterOptions {
  /** Jitter: a factor in `[max(0, 1 - b), 1 + b]`, or a `(min, max)` range. Defaults to 0. */
  brightness?: number | readonly [number, number];
  contrast?: number | readonly [number, number];
  saturation?: number | readonly [number, number];
  /** A shift in `[-h, h]` (h <= 0.5), or a range within `[-0.5, 0.5]`. Defaults to 0. */
  hue?: number | readonly [number, number];
  /** `'pillow'` (default, PIL's ImageEnhance) or `'cv2'` (no hue). */
  backend?: 'pillow' | 'cv2';
}

/**
 * Randomly changes brightness, contrast, saturation and hue in a random order (MMPretrain's
 * `ColorJitter`), with mmcv's functions on the chosen backend.
 *
 * @example
 * new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4 });
 */
export class ColorJitter implements Transform {
  readonly brightness: [number, number] | undefined;
  readonly contrast: [number, number] | undefined;
  readonly saturation: [number, number] | undefined;
  readonly hue: [number, number] | undefined;
  readonly backend: 'pillow' | 'cv2';

  static readonly optionNames = ['brightness', 'contrast', 'saturation', 'hue', 'backend'];

  constructor(options: ColorJitterOptions = {}) {
    this.brightness = jitterRange(options.brightness ?? 0, 'brightness');
    this.contrast = jitterRange(options.contrast ?? 0, 'contrast');
    this.saturation = jitterRange(options.saturation ?? 0, 'saturation');
    this.hue = jitterRange(options.hue ?? 0, 'hue', 0, [-0.5, 0.5]);
    this.backend = checkChoice(options.backend ?? 'pillow', ['pillow', 'cv2'], 'ColorJitter', 'backend');
    if (this.backend === 'cv2' && this.hue) throw new RangeError('ColorJitter: hue jitter is only implemented for the pillow backend');
  }

  transform(results: Sample, generator: Generator): Sample {
    let image = sampleImage(results, 'ColorJitter');
    const order = permutation(generator, 4);
    const brightness = this.brightness ? uniform(generator, this.brightness[0], this.brightness[1]) : undefined;
    const contrast = this.contrast ? uniform(generator, this.contrast[0], this.contrast[1]) : undefined;
    const saturation = this.saturation ? uniform(generator, this.saturation[0], this.saturation[1]) : undefined;
    const hue = this.hue ? uniform(generator, this.hue[0], this.hue[1]) : undefined;
    const pillow = this.backend === 'pillow';
    for (const index of order) {
      if (index === 0 && brightness !== undefined) image = pillow ? pillowBrightness(uint8(image), brightness) : adjustBrightness(image, brightness);
      else if (index === 1 && contrast !== undefined) image = pillow ? pillowContrast(uint8(image), contrast, 'bgr') : adjustContrast(image, contrast);
      else if (index === 2 && saturation !== undefined) image = pillow ? pillowColor(uint8(image), saturation, 'bgr') : adjustColor(image, saturation);
      else if (index === 3 && hue !== undefined) image = pillowAdjustHue(uint8(image), hue, 'bgr');
    }
    results.img = image;
    return results;
  }
}

function uint8(image: Image): Image {
  if (!(image.data instanceof Uint8Array)) throw new TypeError('ColorJitter: the pillow backend only supports uint8 images');
  return image;
}

/**
 * A jitter option as a `(min, max)` range around `center`, clipped to `bound`; `undefined` when it
 * changes nothing (MMPretrain's `_set_range`).
 */
function jitterRange(value: number | readonly [number, number], name: string, center = 1, bound: [number, number] = [0, Number.POSITIVE_INFINITY]): [number, number] | undefined {
  let range: [number, number];
  if (typeof value === 'number') {
    if (value < 0) throw new RangeError(`ColorJitter: if ${name} is a single number, it must be non negative, got ${value}`);
    range = [center - value, center + value];
  } else if (Array.isArray(value) && value.length === 2) {
    range = [value[0] as number, value[1] as number];
  } else {
    throw new TypeError(`ColorJitter: ${name} should be a single number or a list/tuple with length 2, got ${JSON.stringify(value)}`);
  }
  if (!(bound[0] <= range[0] && range[0] <= range[1] && range[1] <= bound[1])) {
    range = [Math.min(Math.max(range[0], bound[0]), bound[1]), Math.min(Math.max(range[1], bound[0]), bound[1])];
  }
  if (range[0] === center && range[1] === center) return undefined;
  return range;
}
