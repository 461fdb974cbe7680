import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import type { Image } from '../image/image';
import { type TransformLike, resolveTransforms } from './build-transform';
import { type Sample, copySample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms, mapMaybe, thenMaybe } from './transform';

/** The options of {@link MultiView}. */
export interface MultiViewOptions {
  /** One pipeline per kind of view. */
  transforms: ReadonlyArray<readonly TransformLike[]>;
  /** How many views each pipeline makes (one number when there is one pipeline). */
  num_views: number | readonly number[];
  registry?: Registry;
}

/**
 * Makes several augmented views of one image (MMPretrain's `MultiView`): each view runs its
 * pipeline on a copy of the sample, and `img` becomes the list of the views' images.
 *
 * @example
 * new MultiView({ num_views: 2, transforms: [[{ type: 'RandomResizedCrop', scale: 224 }]] });
 */
export class MultiView implements Transform {
  readonly pipelines: Transform[][];
  readonly numViews: number[];

  constructor(options: MultiViewOptions) {
    const numViews = typeof options.num_views === 'number' ? [options.num_views] : [...options.num_views];
    if (!Array.isArray(options.transforms) || numViews.length !== options.transforms.length) {
      throw new RangeError(`MultiView: num_views has ${numViews.length} entries but there are ${options.transforms?.length} pipelines`);
    }
    for (const count of numViews) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`MultiView: num_views must hold non-negative integers, got ${count}`);
    }
    this.numViews = numViews;
    this.pipelines = options.transforms.map((pipeline) => resolveTransforms(pipeline, options.registry, 'MultiView'));
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const views: Transform[][] = [];
    this.numViews.forEach((count, index) => {
      for (let view = 0; view < count; view++) views.push(this.pipelines[index] as Transform[]);
    });
    const outputs = mapMaybe(views, (pipeline) => applyTransforms(pipeline, copySample(results), generator));
    return thenMaybe(outputs, (list) => {
      const images: Image[] = [];
      for (const output of list) {
        if (output === null) throw new Error('MultiView: a view pipeline returned null');
        images.push(output.img as Image);
      }
      results.img = images;
      return results;
    });
  }
}
