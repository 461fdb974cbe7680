import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransforms } from './build-transform';
import { choiceIndex } from './random';
import type { Sample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms } from './transform';

/** The options of {@link RandomChoice}. */
export interface RandomChoiceOptions {
  /** The candidate sub-pipelines: each item is a transform or a list of them. */
  transforms: ReadonlyArray<TransformLike | readonly TransformLike[]>;
  /** The probability of each candidate (summing to 1); uniform by default. */
  prob?: readonly number[];
  registry?: Registry;
}

/**
 * Applies one randomly chosen sub-pipeline (MMCV's `RandomChoice`).
 *
 * @example
 * new RandomChoice({ transforms: [[{ type: 'RandomFlip', prob: 1.0 }], [{ type: 'Rotate', angle: 30 }]] });
 */
export class RandomChoice implements Transform {
  readonly pipelines: Transform[][];
  readonly prob: number[] | undefined;

  constructor(options: RandomChoiceOptions) {
    if (!Array.isArray(options.transforms) || options.transforms.length === 0) {
      throw new RangeError('RandomChoice: transforms must be a non-empty list of candidate pipelines');
    }
    if (options.prob !== undefined) {
      if (options.prob.length !== options.transforms.length) {
        throw new RangeError(`RandomChoice: transforms and prob must have the same length, got ${options.transforms.length} and ${options.prob.length}`);
      }
      const total = options.prob.reduce((sum, value) => sum + value, 0);
      if (Math.abs(total - 1) > 1e-9 || options.prob.some((value) => !(value >= 0))) {
        throw new RangeError(`RandomChoice: prob must be non-negative and sum to 1, got [${options.prob.join(', ')}]`);
      }
    }
    this.prob = options.prob ? [...options.prob] : undefined;
    this.pipelines = options.transforms.map((candidate) => resolveTransforms(candidate as TransformLike | readonly TransformLike[], options.registry, 'RandomChoice'));
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const index = choiceIndex(generator, this.pipelines.length, this.prob);
    return applyTransforms(this.pipelines[index] as Transform[], results, generator);
  }
}
