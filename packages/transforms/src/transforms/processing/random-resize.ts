import type { Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransform } from '../../pipeline/build-transform';
import { randomInteger } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import { type MaybePromise, type Transform, type TransformOutput } from '../../pipeline/transform';
import { toPair } from './resize';

/** A resize transform whose target scale can be set before each call (as mmcv's `Resize`). */
export interface ScalableResize extends Transform {
  scale: [number, number] | undefined;
}

/** The options of {@link RandomResize}. */
export interface RandomResizeOptions {
  /** A base `(w, h)` (with `ratio_range`), or two `(w, h)` bounds to sample each edge between. */
  scale: readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];
  /** `(min, max)` ratio applied to a base scale. */
  ratio_range?: readonly [number, number];
  /** The registered resize type. Defaults to `'Resize'`. */
  resize_type?: string;
  registry?: Registry;
  /** Other options go to the resize transform (`keep_ratio`, `interpolation`, ...). */
  [key: string]: unknown;
}

/**
 * Resizes to a random scale (mmcv's `RandomResize`): `scale * ratio` with a ratio drawn from
 * `ratio_range`, or each edge drawn between two scales.
 *
 * @example
 * new RandomResize({ scale: [224, 224], ratio_range: [0.8, 1.25], keep_ratio: true });
 */
export class RandomResize implements Transform {
  readonly scale: RandomResizeOptions['scale'];
  readonly ratioRange: readonly [number, number] | undefined;
  readonly resize: ScalableResize;

  constructor(options: RandomResizeOptions) {
    const { scale, ratio_range: ratioRange, resize_type: resizeType = 'Resize', registry, ...resizeOptions } = options;
    this.scale = scale;
    this.ratioRange = ratioRange;
    const nested = Array.isArray(scale) && Array.isArray(scale[0]);
    if (!nested) {
      toPair(scale as readonly [number, number], 'RandomResize', 'scale');
      if (!ratioRange || ratioRange.length !== 2 || ratioRange[0] > ratioRange[1]) {
        throw new RangeError(`RandomResize: a single scale needs ratio_range as (min, max), got ${JSON.stringify(ratioRange)}`);
      }
    } else if ((scale as readonly unknown[]).length !== 2) {
      throw new RangeError(`RandomResize: scale must be one (w, h) or two (w, h) bounds, got ${JSON.stringify(scale)}`);
    }
    this.resize = resolveTransform({ type: resizeType, ...resizeOptions, scale: 0 } as TransformLike, registry, 'RandomResize') as ScalableResize;
  }

  transform(results: Sample, generator: Generator): MaybePromise<TransformOutput> {
    let target: [number, number];
    if (Array.isArray(this.scale[0])) {
      const [low, high] = this.scale as readonly [readonly [number, number], readonly [number, number]];
      const first = randomInteger(generator, Math.min(low[0], high[0]), Math.max(low[0], high[0]) + 1);
      const second = randomInteger(generator, Math.min(low[1], high[1]), Math.max(low[1], high[1]) + 1);
      target = [first, second];
    } else {
      const [min, max] = this.ratioRange as readonly [number, number];
      const ratio = generator.uniform() * (max - min) + min;
      const base = this.scale as readonly [number, number];
      target = [Math.trunc(base[0] * ratio), Math.trunc(base[1] * ratio)];
    }
    results.scale = target;
    this.resize.scale = target;
    return this.resize.transform(results, generator);
  }
}
