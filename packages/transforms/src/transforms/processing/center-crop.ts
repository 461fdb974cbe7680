import type { BuildConfig, Registry } from '@mmpt/registry';
import type { Generator } from '@mmpt/tensor';
import { imageShape } from '../../image/image';
import { imcrop } from '../../ops/crop';
import { resolveTransform } from '../../pipeline/build-transform';
import { checkSize } from '../../pipeline/checks';
import { pythonRound } from '../../ops/rounding';
import type { Sample } from '../../pipeline/sample';
import { type Transform, isPromise } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link CenterCrop} (mmcv's names). */
export interface CenterCropOptions {
  /** The crop size `(w, h)`, or an int for a square. */
  crop_size: number | readonly [number, number];
  /** Pad an image smaller than the crop (with `pad_cfg`) instead of cropping less. Defaults to false. */
  auto_pad?: boolean;
  /** The padding transform config. Defaults to `{ type: 'Pad' }`. */
  pad_cfg?: BuildConfig;
  /** Accepted for compatibility. Defaults to true. */
  clip_object_border?: boolean;
  registry?: Registry;
}

/**
 * Crops the centre of the image (mmcv's `CenterCrop`): offsets `round((H - h) / 2)` rounded half
 * to even like Python; an image smaller than the crop is cropped less, or padded first with
 * `auto_pad`. Sets `img`, `img_shape`, `pad_shape`.
 *
 * @example
 * new CenterCrop({ crop_size: 224 });
 */
export class CenterCrop implements Transform {
  readonly cropSize: [number, number];
  readonly autoPad: boolean;
  readonly padConfig: BuildConfig;
  readonly #registry: Registry | undefined;

  static readonly optionNames = ['crop_size', 'auto_pad', 'pad_cfg', 'clip_object_border'];

  constructor(options: CenterCropOptions) {
    this.cropSize = checkSize(options.crop_size, 'CenterCrop', 'crop_size', '(w, h)');
    this.autoPad = options.auto_pad ?? false;
    this.padConfig = { ...(options.pad_cfg ?? { type: 'Pad' }) };
    this.#registry = options.registry;
  }

  transform(results: Sample, generator: Generator): Sample {
    let [cropWidth, cropHeight] = this.cropSize;
    let image = sampleImage(results, 'CenterCrop');
    let imageHeight = image.height;
    let imageWidth = image.width;
    if (cropHeight > imageHeight || cropWidth > imageWidth) {
      if (this.autoPad) {
        imageHeight = Math.max(imageHeight, cropHeight);
        imageWidth = Math.max(imageWidth, cropWidth);
        const pad = resolveTransform({ ...this.padConfig, size: [imageWidth, imageHeight] }, this.#registry, 'CenterCrop');
        const padded = pad.transform(results, generator);
        if (isPromise(padded) || padded === null) throw new Error('CenterCrop: the padding transform must be synchronous and return the sample');
        results = padded;
        image = sampleImage(results, 'CenterCrop');
      } else {
        cropHeight = Math.min(cropHeight, imageHeight);
        cropWidth = Math.min(cropWidth, imageWidth);
      }
    }
    const y1 = Math.max(0, pythonRound((imageHeight - cropHeight) / 2));
    const x1 = Math.max(0, pythonRound((imageWidth - cropWidth) / 2));
    const y2 = Math.min(imageHeight, y1 + cropHeight) - 1;
    const x2 = Math.min(imageWidth, x1 + cropWidth) - 1;
    const cropped = imcrop(image, [x1, y1, x2, y2]);
    results.img = cropped;
    results.img_shape = imageShape(cropped).slice(0, 2);
    results.pad_shape = results.img_shape;
    return results;
  }
}
