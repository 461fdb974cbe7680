import type { Generator } from '@mmpt/tensor';
import { pillowAdjustHue, pillowBrightness, pillowColor, pillowContrast } from '../../ops/pillow-enhance';
import { permutation, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { pilImage } from './torchvision-options';

/** The options of {@link TorchvisionColorJitter}. */
export interface TorchvisionColorJitterOptions {
  brightness?: number | readonly [number, number];
  contrast?: number | readonly [number, number];
  saturation?: number | readonly [number, number];
  hue?: number | readonly [number, number];
}

function jitter(value: number | readonly [number, number] | undefined, name: string, center = 1, bound: [number, number] = [0, Number.POSITIVE_INFINITY]): [number, number] | undefined {
  if (value === undefined) return undefined;
  let range: [number, number];
  if (typeof value === 'number') {
    if (value < 0) throw new RangeError(`torchvision/ColorJitter: if ${name} is a single number, it must be non negative, got ${value}`);
    range = [center - value, center + value];
    if (center === 1) range[0] = Math.max(range[0], 0);
  } else {
    range = [value[0], value[1]];
    if (!(bound[0] <= range[0] && range[0] <= range[1] && range[1] <= bound[1])) {
      throw new RangeError(`torchvision/ColorJitter: ${name} values should be between (${bound[0]}, ${bound[1]}), got [${range.join(', ')}]`);
    }
  }
  return range[0] === center && range[1] === center ? undefined : range;
}

/** `torchvision/ColorJitter` on a PIL image (Pillow's ImageEnhance and HSV hue shift, random order). */
export class TorchvisionColorJitter implements Transform {
  readonly brightness: [number, number] | undefined;
  readonly contrast: [number, number] | undefined;
  readonly saturation: [number, number] | undefined;
  readonly hue: [number, number] | undefined;

  static readonly optionNames = ['brightness', 'contrast', 'saturation', 'hue'];

  constructor(options: TorchvisionColorJitterOptions = {}) {
    this.brightness = jitter(options.brightness ?? 0, 'brightness');
    this.contrast = jitter(options.contrast ?? 0, 'contrast');
    this.saturation = jitter(options.saturation ?? 0, 'saturation');
    this.hue = jitter(options.hue ?? 0, 'hue', 0, [-0.5, 0.5]);
    if (typeof options.hue === 'number' && options.hue > 0.5) throw new RangeError(`torchvision/ColorJitter: hue must be in [0, 0.5], got ${options.hue}`);
  }

  transform(results: Sample, generator: Generator): Sample {
    let image = pilImage(results, 'torchvision/ColorJitter');
    const order = permutation(generator, 4);
    const b = this.brightness ? uniform(generator, this.brightness[0], this.brightness[1]) : undefined;
    const c = this.contrast ? uniform(generator, this.contrast[0], this.contrast[1]) : undefined;
    const s = this.saturation ? uniform(generator, this.saturation[0], this.saturation[1]) : undefined;
    const h = this.hue ? uniform(generator, this.hue[0], this.hue[1]) : undefined;
    for (const index of order) {
      if (index === 0 && b !== undefined) image = pillowBrightness(image, b);
      else if (index === 1 && c !== undefined) image = pillowContrast(image, c);
      else if (index === 2 && s !== undefined) image = pillowColor(image, s);
      else if (index === 3 && h !== undefined) image = pillowAdjustHue(image, h);
    }
    results.img = image;
    return results;
  }
}
