import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransforms } from './build-transform';
import { checkProbability } from './checks';
import type { Sample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms } from './transform';

/** The options of {@link RandomApply}. */
export interface RandomApplyOptions {
  transforms: TransformLike | readonly TransformLike[];
  /** The probability to apply the transforms. Defaults to 0.5. */
  prob?: number;
  registry?: Registry;
}

/**
 * Applies its transforms with probability `prob` (MMCV's `RandomApply`).
 *
 * @example
 * new RandomApply({ transforms: [{ type: 'ColorJitter', brightness: 0.4 }], prob: 0.8 });
 */
export class RandomApply implements Transform {
  readonly transforms: Transform[];
  readonly prob: number;

  constructor(options: RandomApplyOptions) {
    this.prob = checkProbability(options.prob ?? 0.5, 'RandomApply', 'prob');
    this.transforms = resolveTransforms(options.transforms, options.registry, 'RandomApply');
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    if (generator.uniform() < this.prob) return applyTransforms(this.transforms, results, generator);
    return results;
  }
}
