import type { Generator } from '@mmpt/tensor';
import { pythonRound } from '../../ops/rounding';
import { checkChoice, checkProbability } from '../../pipeline/checks';
import { normal, randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link RandomErasing} (MMPretrain's names). */
export interface RandomErasingOptions {
  /** Defaults to 0.5. */
  erase_prob?: number;
  /** Defaults to 0.02. */
  min_area_ratio?: number;
  /** Defaults to 0.4. */
  max_area_ratio?: number;
  /** `(min, max)` aspect ratio, or one value `r` for `(r, 1/r)`. Defaults to `(3/10, 10/3)`. */
  aspect_range?: number | readonly [number, number];
  /** `'const'` (default) or `'rand'`. */
  mode?: 'const' | 'rand';
  /** The fill color (or the mean of `rand` with `fill_std`). Defaults to `(128, 128, 128)`. */
  fill_color?: number | readonly number[];
  /** With `rand`: normal noise of this deviation around `fill_color`; uniform 0..255 when absent. */
  fill_std?: number | readonly number[] | null;
}

/**
 * Erases a random rectangle (MMPretrain's `RandomErasing`): its area ratio uniform in
 * `[min_area_ratio, max_area_ratio]`, its aspect ratio log-uniform, filled with a constant color,
 * uniform noise, or normal noise around `fill_color`.
 *
 * @example
 * new RandomErasing({ erase_prob: 0.25, mode: 'rand', min_area_ratio: 0.02, max_area_ratio: 1 / 3, fill_color: [103.53, 116.28, 123.675], fill_std: [57.375, 57.12, 58.395] });
 */
export class RandomErasing implements Transform {
  readonly eraseProb: number;
  readonly minAreaRatio: number;
  readonly maxAreaRatio: number;
  readonly aspectRange: [number, number];
  readonly mode: 'const' | 'rand';
  readonly fillColor: number[];
  readonly fillStd: number[] | undefined;

  static readonly optionNames = ['erase_prob', 'min_area_ratio', 'max_area_ratio', 'aspect_range', 'mode', 'fill_color', 'fill_std'];

  constructor(options: RandomErasingOptions = {}) {
    this.eraseProb = checkProbability(options.erase_prob ?? 0.5, 'RandomErasing', 'erase_prob');
    this.minAreaRatio = checkProbability(options.min_area_ratio ?? 0.02, 'RandomErasing', 'min_area_ratio');
    this.maxAreaRatio = checkProbability(options.max_area_ratio ?? 0.4, 'RandomErasing', 'max_area_ratio');
    if (this.minAreaRatio > this.maxAreaRatio) {
      throw new RangeError(`RandomErasing: min_area_ratio (${this.minAreaRatio}) should be smaller than max_area_ratio (${this.maxAreaRatio})`);
    }
    let aspect = options.aspect_range ?? [3 / 10, 10 / 3];
    if (typeof aspect === 'number') {
      const low = Math.min(aspect, 1 / aspect);
      aspect = [low, 1 / low];
    }
    if (!Array.isArray(aspect) || aspect.length !== 2 || !(aspect[0] > 0 && aspect[1] > 0) || aspect[0] > aspect[1]) {
      throw new RangeError(`RandomErasing: aspect_range must be a positive (min, max) pair or one positive number, got ${JSON.stringify(options.aspect_range)}`);
    }
    this.aspectRange = [aspect[0] as number, aspect[1] as number];
    this.mode = checkChoice(options.mode ?? 'const', ['const', 'rand'], 'RandomErasing', 'mode');
    this.fillColor = threeValues(options.fill_color ?? [128, 128, 128], 'fill_color');
    this.fillStd = options.fill_std === undefined || options.fill_std === null ? undefined : threeValues(options.fill_std, 'fill_std');
  }

  transform(results: Sample, generator: Generator): Sample {
    if (generator.uniform() > this.eraseProb) return results;
    const image = sampleImage(results, 'RandomErasing');
    const { height, width, channels } = image;
    const logLow = Math.fround(Math.log(Math.fround(this.aspectRange[0])));
    const logHigh = Math.fround(Math.log(Math.fround(this.aspectRange[1])));
    const aspectRatio = Math.exp(uniform(generator, logLow, logHigh));
    const area = height * width * uniform(generator, this.minAreaRatio, this.maxAreaRatio);
    const patchHeight = Math.min(pythonRound(Math.sqrt(area * aspectRatio)), height);
    const patchWidth = Math.min(pythonRound(Math.sqrt(area / aspectRatio)), width);
    const top = height > patchHeight ? randomInteger(generator, 0, height - patchHeight) : 0;
    const left = width > patchWidth ? randomInteger(generator, 0, width - patchWidth) : 0;
    const data = image.data.slice();
    const constant = this.fillColor.map((value) => Math.trunc(value) & 255);
    for (let y = top; y < top + patchHeight; y++) {
      for (let x = left; x < left + patchWidth; x++) {
        for (let c = 0; c < 3; c++) {
          let value: number;
          if (this.mode === 'const') value = constant[c] as number;
          else if (!this.fillStd) value = Math.trunc(uniform(generator, 0, 256)) & 255;
          else {
            const sampled = Math.trunc(normal(generator, this.fillColor[c] as number, this.fillStd[c] as number));
            value = sampled < 0 ? 0 : sampled > 255 ? 255 : sampled;
          }
          if (c < channels) data[(y * width + x) * channels + c] = value;
        }
      }
    }
    results.img = { ...image, data };
    return results;
  }
}

function threeValues(value: number | readonly number[], option: string): number[] {
  const values = typeof value === 'number' ? [value, value, value] : [...value];
  if (values.length !== 3 || values.some((item) => typeof item !== 'number')) {
    throw new RangeError(`RandomErasing: ${option} should be a number or a sequence of three numbers, got ${JSON.stringify(value)}`);
  }
  return values;
}
