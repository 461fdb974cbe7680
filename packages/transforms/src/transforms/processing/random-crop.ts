import type { Generator } from '@mmpt/tensor';
import { imageShape } from '../../image/image';
import { type PaddingMode, cv2Scalar } from '../../ops/border';
import { imcrop } from '../../ops/crop';
import { impad } from '../../ops/pad';
import { checkChoice, checkSize } from '../../pipeline/checks';
import { randomInteger } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link RandomCrop} (MMPretrain's names). */
export interface RandomCropOptions {
  /** The crop size `(h, w)`, or an int for a square. */
  crop_size: number | readonly [number, number];
  /** Padding added first: one number, `(left/right, top/bottom)` or `(left, top, right, bottom)`. */
  padding?: number | readonly [number, number] | readonly [number, number, number, number];
  /** Pad an image smaller than the crop (half on each side). Defaults to false. */
  pad_if_needed?: boolean;
  /** The fill value; a single number fills the first channel only, as OpenCV does. Defaults to 0. */
  pad_val?: number | readonly number[];
  /** The mode of the `pad_if_needed` padding. Defaults to `'constant'`. */
  padding_mode?: PaddingMode;
}

/**
 * Crops at a random position (MMPretrain's `RandomCrop`), after optional padding. Sets `img` and
 * `img_shape` (the numpy shape, with channels).
 *
 * @example
 * new RandomCrop({ crop_size: 32, padding: 4 }); // CIFAR
 */
export class RandomCrop implements Transform {
  readonly cropSize: [number, number];
  readonly padding: RandomCropOptions['padding'];
  readonly padIfNeeded: boolean;
  readonly padValue: number | readonly number[];
  readonly paddingMode: PaddingMode;

  static readonly optionNames = ['crop_size', 'padding', 'pad_if_needed', 'pad_val', 'padding_mode'];

  constructor(options: RandomCropOptions) {
    this.cropSize = checkSize(options.crop_size, 'RandomCrop', 'crop_size', '(h, w)');
    this.padding = options.padding;
    this.padIfNeeded = options.pad_if_needed ?? false;
    this.padValue = options.pad_val ?? 0;
    this.paddingMode = checkChoice(options.padding_mode ?? 'constant', ['constant', 'edge', 'reflect', 'symmetric'], 'RandomCrop', 'padding_mode');
  }

  transform(results: Sample, generator: Generator): Sample {
    let image = sampleImage(results, 'RandomCrop');
    const fill = cv2Scalar(this.padValue, image.channels);
    if (this.padding !== undefined && this.padding !== null) image = impad(image, { padding: this.padding, fill });
    if (this.padIfNeeded) {
      const padHeight = Math.ceil(Math.max(0, this.cropSize[0] - image.height) / 2);
      const padWidth = Math.ceil(Math.max(0, this.cropSize[1] - image.width) / 2);
      image = impad(image, { padding: [padWidth, padHeight, padWidth, padHeight], fill, paddingMode: this.paddingMode });
    }
    const height = image.height;
    const width = image.width;
    let [targetHeight, targetWidth] = this.cropSize;
    let offsetHeight = 0;
    let offsetWidth = 0;
    if (!(width === targetWidth && height === targetHeight)) {
      targetWidth = Math.min(width, targetWidth);
      targetHeight = Math.min(height, targetHeight);
      offsetHeight = randomInteger(generator, 0, height - targetHeight + 1);
      offsetWidth = randomInteger(generator, 0, width - targetWidth + 1);
    }
    const cropped = imcrop(image, [offsetWidth, offsetHeight, offsetWidth + targetWidth - 1, offsetHeight + targetHeight - 1]);
    results.img = cropped;
    results.img_shape = imageShape(cropped);
    return results;
  }
}
