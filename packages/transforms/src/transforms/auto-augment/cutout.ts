import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { perChannel } from '../../ops/border';
import { type BaseAugOptions, BaseAugTransform, checkOneOf } from './base-aug-transform';

/** The options of {@link Cutout}. */
export interface CutoutOptions extends BaseAugOptions {
  /** The cut size `(h, w)` or an int (exclusive with `magnitude_range`). */
  shape?: number | readonly [number, number] | null;
  /** The fill: one number or one per channel. Defaults to 128. */
  pad_val?: number | readonly number[];
}

/** Cuts out a rectangle centred at a random point (mmcv's `cutout`). */
export class Cutout extends BaseAugTransform {
  readonly shape: number | readonly [number, number] | undefined;
  readonly padValue: number | readonly number[];
  static readonly optionNames = ['shape', 'pad_val', 'prob'];

  constructor(options: CutoutOptions = {}) {
    super({ ...options, random_negative_prob: 0 }, 'Cutout');
    checkOneOf(options.shape, options.magnitude_range, 'Cutout', 'shape');
    this.shape = options.shape ?? undefined;
    this.padValue = options.pad_val ?? 128;
  }

  protected apply(image: Image, generator: Generator): Image {
    const shape = this.shape ?? Math.trunc(this.randomMagnitude(generator));
    const [cutHeight, cutWidth] = typeof shape === 'number' ? [shape, shape] : shape;
    const fill = perChannel(this.padValue, image.channels, 'Cutout');
    const { height, width, channels } = image;
    // mmcv calls np.random.uniform(img_h): low=img_h, high=1.0.
    const y0 = height + (1 - height) * generator.uniform();
    const x0 = width + (1 - width) * generator.uniform();
    const y1 = Math.trunc(Math.max(0, y0 - cutHeight / 2));
    const x1 = Math.trunc(Math.max(0, x0 - cutWidth / 2));
    const y2 = Math.min(height, y1 + cutHeight);
    const x2 = Math.min(width, x1 + cutWidth);
    const data = image.data.slice();
    const isUint8 = data instanceof Uint8Array;
    for (let y = y1; y < y2; y++) {
      for (let x = x1; x < x2; x++) {
        for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = isUint8 ? Math.trunc(fill[c] as number) & 255 : (fill[c] as number);
      }
    }
    return { ...image, data };
  }
}
