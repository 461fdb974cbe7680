import type { Generator } from '@mmpt/tensor';
import { type FlipDirection, imflip } from '../../ops/flip';
import { choiceIndex } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link RandomFlip} (mmcv's names). */
export interface RandomFlipOptions {
  /** The flip probability, or one probability per direction (summing to at most 1). */
  prob: number | readonly number[];
  /** `'horizontal'` (default), `'vertical'`, `'diagonal'`, or a list of them. */
  direction?: FlipDirection | readonly FlipDirection[];
  /** Accepted for compatibility (segmentation maps are not handled here). */
  swap_seg_labels?: unknown;
}

const DIRECTIONS: readonly FlipDirection[] = ['horizontal', 'vertical', 'diagonal'];

/**
 * Flips the image with a probability (mmcv's `RandomFlip`): with one probability and several
 * directions, each direction gets `prob / n`; with a list, each its own. Sets `flip` and
 * `flip_direction` (`null` when not flipped).
 *
 * @example
 * new RandomFlip({ prob: 0.5, direction: 'horizontal' });
 * new RandomFlip({ prob: [0.3, 0.5], direction: ['horizontal', 'vertical'] });
 */
export class RandomFlip implements Transform {
  readonly directions: Array<FlipDirection | null>;
  readonly probabilities: number[];

  static readonly optionNames = ['prob', 'direction', 'swap_seg_labels'];

  constructor(options: RandomFlipOptions) {
    const { prob } = options;
    const direction = options.direction ?? 'horizontal';
    const directions = typeof direction === 'string' ? [direction] : [...direction];
    for (const item of directions) {
      if (!DIRECTIONS.includes(item)) {
        throw new RangeError(`RandomFlip: direction must be 'horizontal', 'vertical' or 'diagonal' (or a list of them), got ${JSON.stringify(item)}`);
      }
    }
    if (Array.isArray(prob)) {
      const total = prob.reduce((sum: number, value: number) => sum + value, 0);
      if (prob.some((value) => typeof value !== 'number' || value < 0) || total > 1 + 1e-12) {
        throw new RangeError(`RandomFlip: prob must be probabilities summing to at most 1, got [${prob.join(', ')}]`);
      }
      if (typeof direction === 'string' || prob.length !== directions.length) {
        throw new RangeError(`RandomFlip: a list of ${prob.length} probabilities needs a list of as many directions, got ${JSON.stringify(direction)}`);
      }
      this.probabilities = [...prob, 1 - total];
    } else if (typeof prob === 'number' && prob >= 0 && prob <= 1) {
      const each = prob / directions.length;
      this.probabilities = [...directions.map(() => each), 1 - prob];
    } else {
      throw new RangeError(`RandomFlip: prob must be a number in [0, 1] or a list of them, got ${JSON.stringify(prob)}`);
    }
    this.directions = [...directions, null];
  }

  transform(results: Sample, generator: Generator): Sample {
    const chosen = this.directions[choiceIndex(generator, this.directions.length, this.probabilities)] ?? null;
    if (chosen === null) {
      results.flip = false;
      results.flip_direction = null;
      return results;
    }
    results.flip = true;
    results.flip_direction = chosen;
    results.img = imflip(sampleImage(results, 'RandomFlip'), chosen);
    return results;
  }
}
