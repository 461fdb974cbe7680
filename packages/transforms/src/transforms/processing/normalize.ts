import { imnormalize } from '../../ops/photometric-cv2';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link Normalize} (mmcv's names). */
export interface NormalizeOptions {
  mean: readonly number[];
  std: readonly number[];
  /** Swap BGR to RGB before normalising (mean and std are then RGB). Defaults to true. */
  to_rgb?: boolean;
}

/**
 * Normalises to float32 `(img - mean) / std` (mmcv's `Normalize`); sets `img_norm_cfg`.
 *
 * @example
 * new Normalize({ mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], to_rgb: true });
 */
export class Normalize implements Transform {
  readonly mean: number[];
  readonly std: number[];
  readonly toRgb: boolean;

  static readonly optionNames = ['mean', 'std', 'to_rgb'];

  constructor(options: NormalizeOptions) {
    if (!Array.isArray(options.mean) || !Array.isArray(options.std)) throw new TypeError('Normalize: mean and std must be lists of numbers');
    this.mean = options.mean.map((value) => Math.fround(value));
    this.std = options.std.map((value) => Math.fround(value));
    if (this.std.some((value) => value === 0)) throw new RangeError('Normalize: std must not contain 0');
    this.toRgb = options.to_rgb ?? true;
  }

  transform(results: Sample): Sample {
    results.img = imnormalize(sampleImage(results, 'Normalize'), this.mean, this.std, this.toRgb);
    results.img_norm_cfg = { mean: [...this.mean], std: [...this.std], to_rgb: this.toRgb };
    return results;
  }
}
