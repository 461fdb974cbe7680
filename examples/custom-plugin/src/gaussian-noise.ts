import type { Generator } from '@mmpt/tensor';
import { type Sample, type Transform, imageLike, isImage } from '@mmpt/transforms';

/** The options of {@link GaussianNoise} (snake_case, as config keys are). */
export interface GaussianNoiseOptions {
  /** The standard deviation of the noise, in pixel values (0-255). */
  std?: number;
  /** The probability of adding noise to a sample. */
  prob?: number;
}

/**
 * A data transform written for this plugin (the guide's `MyTransform`): with probability `prob`,
 * adds Gaussian noise of standard deviation `std` to `results.img` and clips to 0..255. Every
 * random number comes from the generator the pipeline passes, so a seed reproduces a sample.
 *
 * @example
 * train_pipeline = [{ type: 'LoadImageFromFile' }, { type: 'GaussianNoise', std: 20, prob: 0.5 }, { type: 'PackInputs' }]
 */
export class GaussianNoise implements Transform {
  readonly std: number;
  readonly prob: number;

  constructor(options: GaussianNoiseOptions = {}) {
    this.std = options.std ?? 10;
    this.prob = options.prob ?? 0.5;
    if (!(this.std >= 0)) throw new RangeError(`GaussianNoise: std must be non-negative, got ${this.std}`);
    if (!(this.prob >= 0 && this.prob <= 1)) throw new RangeError(`GaussianNoise: prob must be in [0, 1], got ${this.prob}`);
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = results.img;
    if (!isImage(image)) throw new TypeError('GaussianNoise: the sample has no image under "img"; load it first (LoadImageFromFile)');
    if (generator.uniform() >= this.prob) return results;
    const noisy = imageLike(image);
    const source = image.data;
    const uint8 = noisy.data instanceof Uint8Array;
    for (let index = 0; index < source.length; index++) {
      const value = (source[index] as number) + this.std * generator.normal();
      noisy.data[index] = uint8 ? Math.min(255, Math.max(0, Math.round(value))) : value;
    }
    results.img = noisy;
    return results;
  }
}
