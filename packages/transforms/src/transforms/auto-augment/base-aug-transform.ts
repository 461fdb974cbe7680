import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { checkProbability } from '../../pipeline/checks';
import { normal, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options every RandAugment operation accepts (MMPretrain's `BaseAugTransform`). */
export interface BaseAugOptions {
  /** The magnitude level. Defaults to 10. */
  magnitude_level?: number;
  /** The range the level maps into: `level / total_level * (b - a) + a`. */
  magnitude_range?: readonly [number, number] | null;
  /** Noise on the level: a deviation (normal noise), 0 (none) or `'inf'` (uniform in `[0, level)`). */
  magnitude_std?: number | 'inf';
  /** Defaults to 10. */
  total_level?: number;
  /** The probability to apply the operation. Defaults to 0.5. */
  prob?: number;
  /** The probability to negate the magnitude. Defaults to 0.5 (0 for one-sided operations). */
  random_negative_prob?: number;
}

/**
 * The base of the RandAugment operations: the probability to apply, the mapping from a magnitude
 * level to a value (with optional noise), and the random sign.
 */
export abstract class BaseAugTransform implements Transform {
  readonly magnitudeLevel: number;
  readonly magnitudeRange: readonly [number, number] | undefined;
  readonly magnitudeStd: number | 'inf';
  readonly totalLevel: number;
  readonly prob: number;
  readonly randomNegativeProb: number;

  constructor(options: BaseAugOptions, owner: string) {
    this.magnitudeLevel = options.magnitude_level ?? 10;
    const range = options.magnitude_range ?? undefined;
    if (range !== undefined && (!Array.isArray(range) || range.length !== 2 || range.some((value) => typeof value !== 'number'))) {
      throw new TypeError(`${owner}: magnitude_range should be a sequence with two numbers, got ${JSON.stringify(range)}`);
    }
    this.magnitudeRange = range;
    const std = options.magnitude_std ?? 0;
    if (typeof std === 'string' && std !== 'inf') throw new RangeError(`${owner}: magnitude_std must be a number or "inf", got "${std}"`);
    this.magnitudeStd = std;
    this.totalLevel = options.total_level ?? 10;
    this.prob = checkProbability(options.prob ?? 0.5, owner, 'prob');
    this.randomNegativeProb = checkProbability(options.random_negative_prob ?? 0.5, owner, 'random_negative_prob');
  }

  /** Whether to skip this call (`uniform() > prob`). */
  randomDisable(generator: Generator): boolean {
    return generator.uniform() > this.prob;
  }

  /** The magnitude for this call, from the level, the noise and `magnitude_range`. */
  randomMagnitude(generator: Generator): number {
    let magnitude = this.magnitudeLevel;
    if (this.magnitudeStd === 'inf') {
      magnitude = uniform(generator, 0, magnitude);
    } else if (this.magnitudeStd > 0) {
      magnitude = normal(generator, magnitude, this.magnitudeStd);
      magnitude = Math.min(Math.max(magnitude, 0), this.totalLevel);
    }
    const [first, second] = this.magnitudeRange as readonly [number, number];
    return (magnitude / this.totalLevel) * (second - first) + first;
  }

  /** `-value` with probability `random_negative_prob`. */
  randomNegative(value: number, generator: Generator): number {
    return generator.uniform() < this.randomNegativeProb ? -value : value;
  }

  /** The fixed magnitude, or a random one; negated at random when `signed`. */
  protected magnitudeFor(fixed: number | undefined, generator: Generator, signed: boolean): number {
    const magnitude = fixed ?? this.randomMagnitude(generator);
    return signed ? this.randomNegative(magnitude, generator) : magnitude;
  }

  transform(results: Sample, generator: Generator): Sample {
    if (this.randomDisable(generator)) return results;
    const image = sampleImage(results, this.constructor.name);
    results.img = this.apply(image, generator);
    return results;
  }

  /** Transforms the image (called when the operation is not disabled). */
  protected abstract apply(image: Image, generator: Generator): Image;
}

/** Checks that exactly one of a fixed value and `magnitude_range` is given. */
export function checkOneOf(value: unknown, range: unknown, owner: string, option: string): void {
  const hasValue = value !== undefined && value !== null;
  const hasRange = range !== undefined && range !== null;
  if (hasValue === hasRange) throw new Error(`${owner}: please specify only one of \`${option}\` and \`magnitude_range\``);
}
