import type { Registry } from '@mmpt/registry';
import { Generator } from '@mmpt/tensor';
import { type TransformLike, resolveTransforms } from './build-transform';
import type { Sample } from './sample';
import { type MaybePromise, type Transform, type TransformOutput, applyTransforms } from './transform';

/** The options of {@link Compose}. */
export interface ComposeOptions {
  /** The transforms (objects, functions or configs), applied in order. */
  transforms: TransformLike | readonly TransformLike[];
  /** The seed of the compose's own generator, used when a call passes none. Defaults to 0. */
  seed?: number;
  /** The registry that builds configs; this package's transforms by default. */
  registry?: Registry;
}

/**
 * Applies transforms in order (MMCV's `Compose`), stopping at the first that returns `null`. It
 * passes one generator to every transform: the one given to the call, or its own (seeded by
 * `seed`). Give each sample its own generator (say `new Generator(seed + index)`) to make every
 * augmented sample reproducible whatever the order samples are processed in.
 *
 * @example
 * const pipeline = new Compose({ transforms: [{ type: 'LoadImageFromFile' }, { type: 'RandomFlip', prob: 0.5 }] });
 * const sample = await pipeline.run({ img_path: 'cat.jpg' }, new Generator(42));
 */
export class Compose implements Transform {
  readonly transforms: Transform[];
  /** The generator used when a call passes none. */
  readonly generator: Generator;

  constructor(options: ComposeOptions | readonly TransformLike[]) {
    const resolved: ComposeOptions = Array.isArray(options) ? { transforms: options as readonly TransformLike[] } : (options as ComposeOptions);
    this.transforms = resolveTransforms(resolved.transforms ?? [], resolved.registry, 'Compose');
    this.generator = new Generator(resolved.seed ?? 0);
  }

  /** Applies the transforms (synchronously unless one of them reads a file). */
  transform(results: Sample, generator: Generator = this.generator): MaybePromise<TransformOutput> {
    return applyTransforms(this.transforms, results, generator);
  }

  /** Applies the transforms and always returns a promise. */
  async run(results: Sample, generator: Generator = this.generator): Promise<TransformOutput> {
    return this.transform(results, generator);
  }

  [Symbol.iterator](): Iterator<Transform> {
    return this.transforms[Symbol.iterator]();
  }
}
