import type { Generator } from '@mmpt/tensor';
import { normal } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link Lighting}. */
export interface LightingOptions {
  /** The eigenvalues of the pixel covariance. */
  eigval: readonly number[];
  /** The eigenvectors, one row per channel (3 rows of `eigval.length`). */
  eigvec: ReadonlyArray<readonly number[]>;
  /** The deviation of the random weights. Defaults to 0.1. */
  alphastd?: number;
  /** Swap BGR to RGB first. Defaults to false. */
  to_rgb?: boolean;
}

/**
 * AlexNet's PCA lighting noise (MMPretrain's `Lighting`, mmcv's `adjust_lighting`): adds
 * `eigvec @ (alpha * eigval)` with `alpha ~ N(0, alphastd)` to every pixel, in float32, then casts
 * back to the image dtype (uint8 wraps like numpy's cast on x86).
 *
 * @example
 * new Lighting({ eigval: [55.46, 4.794, 1.148], eigvec: [[-0.5675, 0.7192, 0.4009], [-0.5808, -0.0045, -0.814], [-0.5836, -0.6948, 0.4203]] });
 */
export class Lighting implements Transform {
  readonly eigval: number[];
  readonly eigvec: number[][];
  readonly alphastd: number;
  readonly toRgb: boolean;

  static readonly optionNames = ['eigval', 'eigvec', 'alphastd', 'to_rgb'];

  constructor(options: LightingOptions) {
    if (!Array.isArray(options.eigval)) throw new TypeError(`Lighting: eigval must be a list, got ${typeof options.eigval}`);
    if (!Array.isArray(options.eigvec) || options.eigvec.length !== 3 || options.eigvec.some((row) => !Array.isArray(row) || row.length !== options.eigval.length)) {
      throw new RangeError(`Lighting: eigvec must be 3 rows of ${options.eigval.length} values`);
    }
    this.eigval = [...options.eigval];
    this.eigvec = options.eigvec.map((row) => [...row]);
    this.alphastd = options.alphastd ?? 0.1;
    this.toRgb = options.to_rgb ?? false;
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = sampleImage(results, 'Lighting');
    if (image.channels !== 3) throw new RangeError(`Lighting: expects 3 channels, got ${image.channels}`);
    const alpha = this.eigval.map(() => normal(generator, 0, this.alphastd));
    const alter = this.eigvec.map((row) => row.reduce((sum, value, index) => sum + value * (alpha[index] as number) * (this.eigval[index] as number), 0));
    const isUint8 = image.data instanceof Uint8Array;
    const data = isUint8 ? new Uint8Array(image.data.length) : new Float32Array(image.data.length);
    for (let at = 0; at < data.length; at += 3) {
      for (let c = 0; c < 3; c++) {
        const from = this.toRgb ? 2 - c : c;
        const value = Math.fround((image.data[at + from] as number) + (alter[c] as number));
        data[at + c] = isUint8 ? Math.trunc(value) & 255 : value;
      }
    }
    results.img = { ...image, data };
    return results;
  }
}
