import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransform } from '../../pipeline/build-transform';
import type { Sample } from '../../pipeline/sample';
import { type MaybePromise, type Transform, type TransformOutput, thenMaybe } from '../../pipeline/transform';
import type { ScalableResize } from './random-resize';
import { toPair } from './resize';

/** The options of {@link RandomChoiceResize}. */
export interface RandomChoiceResizeOptions {
  /** The candidate scales: a list of `(w, h)` pairs or ints (squares); write one pair as `[[w, h]]`. */
  scales: ReadonlyArray<number | readonly [number, number]> | number | readonly [number, number];
  /** The registered resize type. Defaults to `'Resize'`. */
  resize_type?: string;
  registry?: Registry;
  /** Other options go to the resize transform. */
  [key: string]: unknown;
}

/**
 * Resizes to a scale picked uniformly from a list (mmcv's `RandomChoiceResize`); sets `scale_idx`.
 * An int scale means a square (mmcv would hand the int to OpenCV as is).
 *
 * @example
 * new RandomChoiceResize({ scales: [[256, 256], [320, 320]], keep_ratio: true });
 */
export class RandomChoiceResize implements Transform {
  readonly scales: Array<[number, number]>;
  readonly resize: ScalableResize;

  constructor(options: RandomChoiceResizeOptions) {
    const { scales, resize_type: resizeType = 'Resize', registry, ...resizeOptions } = options;
    // A list is a list of candidates (ints or (w, h) pairs); a single int is one candidate.
    const list = Array.isArray(scales) ? (scales as ReadonlyArray<number | readonly [number, number]>) : [scales as number];
    if (list.length === 0) throw new RangeError('RandomChoiceResize: scales must not be empty');
    this.scales = list.map((scale) => toPair(scale as number | readonly [number, number], 'RandomChoiceResize', 'scales'));
    this.resize = resolveTransform({ type: resizeType, ...resizeOptions, scale: 0 } as TransformLike, registry, 'RandomChoiceResize') as ScalableResize;
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    const index = generator.integer(0, this.scales.length);
    this.resize.scale = this.scales[index] as [number, number];
    return thenMaybe(this.resize.transform(results, generator), (output) => {
      if (output) output.scale_idx = index;
      return output;
    });
  }
}
