import type { Generator } from '@mmpt/tensor';
import { imageShape } from '../../image/image';
import { imcrop } from '../../ops/crop';
import { imresize } from '../../ops/imresize';
import { type Interpolation, type PillowInterpolation, type ResizeBackend, checkBackend, checkInterpolation } from '../../ops/interpolation';
import { pythonRound } from '../../ops/rounding';
import { checkPositiveInteger } from '../../pipeline/checks';
import { randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';
import { type CropBox, RandomResizedCrop, type RandomResizedCropOptions } from './random-resized-crop';

/** The options of {@link EfficientNetRandomCrop}. */
export interface EfficientNetRandomCropOptions extends Omit<RandomResizedCropOptions, 'scale'> {
  /** The output size (a square). */
  scale: number;
  /** The minimum share of the image the crop covers. Defaults to 0.1. */
  min_covered?: number;
  /** The padding of the fallback centre crop. Defaults to 32. */
  crop_padding?: number;
}

/**
 * EfficientNet's random crop (MMPretrain's `EfficientNetRandomCrop`): the aspect ratio is drawn
 * uniformly, the height between the heights of the minimum and maximum areas; the fallback is the
 * EfficientNet centre crop `scale / (scale + crop_padding) * short_edge`. Bicubic by default.
 *
 * @example
 * new EfficientNetRandomCrop({ scale: 224 });
 */
export class EfficientNetRandomCrop extends RandomResizedCrop {
  readonly minCovered: number;
  readonly cropPadding: number;

  static override readonly optionNames = [...RandomResizedCrop.optionNames, 'min_covered', 'crop_padding'];

  constructor(options: EfficientNetRandomCropOptions) {
    if (typeof options.scale !== 'number' || !Number.isInteger(options.scale)) {
      throw new TypeError(`EfficientNetRandomCrop: scale must be an int, got ${JSON.stringify(options.scale)}`);
    }
    super({ ...options, interpolation: options.interpolation ?? 'bicubic' }, 'EfficientNetRandomCrop');
    this.minCovered = options.min_covered ?? 0.1;
    this.cropPadding = options.crop_padding ?? 32;
    if (!(this.minCovered >= 0)) throw new RangeError(`EfficientNetRandomCrop: min_covered must be >= 0, got ${this.minCovered}`);
    if (!(this.cropPadding >= 0)) throw new RangeError(`EfficientNetRandomCrop: crop_padding must be >= 0, got ${this.cropPadding}`);
  }

  override cropParams(height: number, width: number, generator: Generator): CropBox {
    const area = height * width;
    const minTargetArea = this.cropRatioRange[0] * area;
    const maxTargetArea = this.cropRatioRange[1] * area;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const aspectRatio = uniform(generator, this.aspectRatioRange[0], this.aspectRatioRange[1]);
      let minTargetHeight = pythonRound(Math.sqrt(minTargetArea / aspectRatio));
      let maxTargetHeight = pythonRound(Math.sqrt(maxTargetArea / aspectRatio));
      if (maxTargetHeight * aspectRatio > width) {
        maxTargetHeight = Math.trunc((width + 0.5 - 1e-7) / aspectRatio);
        if (maxTargetHeight * aspectRatio > width) maxTargetHeight -= 1;
      }
      maxTargetHeight = Math.min(maxTargetHeight, height);
      minTargetHeight = Math.min(maxTargetHeight, minTargetHeight);
      const targetHeight = pythonRound(uniform(generator, minTargetHeight, maxTargetHeight));
      const targetWidth = pythonRound(targetHeight * aspectRatio);
      const targetArea = targetHeight * targetWidth;
      if (targetArea < minTargetArea || targetArea > maxTargetArea || targetWidth > width || targetHeight > height || targetArea < this.minCovered * area) {
        continue;
      }
      const offsetHeight = randomInteger(generator, 0, height - targetHeight + 1);
      const offsetWidth = randomInteger(generator, 0, width - targetWidth + 1);
      return { offsetHeight, offsetWidth, targetHeight, targetWidth };
    }
    return efficientNetCenterBox(height, width, this.scale[0], this.cropPadding);
  }
}

/**
 * The EfficientNet centre crop box: side `crop_size / (crop_size + crop_padding) * short_edge`
 * (a float, truncated by `imcrop`), offsets rounded half to even.
 */
export function efficientNetCenterBox(height: number, width: number, cropSize: number, cropPadding: number): CropBox {
  const side = (cropSize / (cropSize + cropPadding)) * Math.min(height, width);
  const offsetHeight = Math.max(0, pythonRound((height - side) / 2));
  const offsetWidth = Math.max(0, pythonRound((width - side) / 2));
  return { offsetHeight, offsetWidth, targetHeight: side, targetWidth: side };
}

/** The options of {@link EfficientNetCenterCrop}. */
export interface EfficientNetCenterCropOptions {
  /** The output size (a square). */
  crop_size: number;
  /** Defaults to 32. */
  crop_padding?: number;
  /** Defaults to `'bicubic'`. */
  interpolation?: Interpolation | PillowInterpolation;
  /** Defaults to `'cv2'`. */
  backend?: ResizeBackend;
}

/**
 * EfficientNet's centre crop (MMPretrain's `EfficientNetCenterCrop`): crops a centred square of
 * `crop_size / (crop_size + crop_padding) * short_edge`, then resizes it to `crop_size`.
 *
 * @example
 * new EfficientNetCenterCrop({ crop_size: 224 }); // 256x320 -> crop 224x224 of 224/256*256
 */
export class EfficientNetCenterCrop implements Transform {
  readonly cropSize: number;
  readonly cropPadding: number;
  readonly interpolation: Interpolation | PillowInterpolation;
  readonly backend: ResizeBackend;

  static readonly optionNames = ['crop_size', 'crop_padding', 'interpolation', 'backend'];

  constructor(options: EfficientNetCenterCropOptions) {
    this.cropSize = checkPositiveInteger(options.crop_size, 'EfficientNetCenterCrop', 'crop_size');
    this.cropPadding = options.crop_padding ?? 32;
    if (!(this.cropPadding >= 0)) throw new RangeError(`EfficientNetCenterCrop: crop_padding must be >= 0, got ${this.cropPadding}`);
    const backend = options.backend ?? 'cv2';
    checkBackend(backend, 'EfficientNetCenterCrop');
    this.backend = backend;
    this.interpolation = options.interpolation ?? 'bicubic';
    checkInterpolation(this.interpolation, 'cv2', 'EfficientNetCenterCrop');
  }

  transform(results: Sample): Sample {
    const image = sampleImage(results, 'EfficientNetCenterCrop');
    const box = efficientNetCenterBox(image.height, image.width, this.cropSize, this.cropPadding);
    const cropped = imcrop(image, [box.offsetWidth, box.offsetHeight, box.offsetWidth + box.targetWidth - 1, box.offsetHeight + box.targetHeight - 1]);
    const resized = imresize(cropped, [this.cropSize, this.cropSize], this.interpolation, this.backend);
    results.img = resized;
    results.img_shape = imageShape(resized);
    return results;
  }
}
