import type { Generator } from '@mmpt/tensor';
import { imageShape } from '../../image/image';
import { imcrop } from '../../ops/crop';
import { imresize } from '../../ops/imresize';
import { type Interpolation, type PillowInterpolation, type ResizeBackend, checkBackend, checkInterpolation } from '../../ops/interpolation';
import { pythonRound } from '../../ops/rounding';
import { checkRange, checkSize } from '../../pipeline/checks';
import { randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** A crop box: offsets and size. */
export interface CropBox {
  offsetHeight: number;
  offsetWidth: number;
  targetHeight: number;
  targetWidth: number;
}

/** The options of {@link RandomResizedCrop} (MMPretrain's names). */
export interface RandomResizedCropOptions {
  /** The output size `(h, w)`, or an int for a square. */
  scale: number | readonly [number, number];
  /** The range of the crop area relative to the image. Defaults to `(0.08, 1.0)`. */
  crop_ratio_range?: readonly [number, number];
  /** The range of the crop's aspect ratio. Defaults to `(3/4, 4/3)`. */
  aspect_ratio_range?: readonly [number, number];
  /** Tries before falling back to a centre crop. Defaults to 10. */
  max_attempts?: number;
  /** Defaults to `'bilinear'`. */
  interpolation?: Interpolation | PillowInterpolation;
  /** `'cv2'` (default) or `'pillow'`. */
  backend?: ResizeBackend;
}

/**
 * Crops a random area with a random aspect ratio and resizes it to `scale` (MMPretrain's
 * `RandomResizedCrop`): up to `max_attempts` draws of an area in `crop_ratio_range` and a
 * log-uniform aspect ratio, then a centre crop clamped to `aspect_ratio_range`.
 *
 * @example
 * new RandomResizedCrop({ scale: 224, backend: 'pillow', interpolation: 'bicubic' });
 */
export class RandomResizedCrop implements Transform {
  readonly scale: [number, number];
  readonly cropRatioRange: [number, number];
  readonly aspectRatioRange: [number, number];
  readonly maxAttempts: number;
  readonly interpolation: Interpolation | PillowInterpolation;
  readonly backend: ResizeBackend;

  static readonly optionNames = ['scale', 'crop_ratio_range', 'aspect_ratio_range', 'max_attempts', 'interpolation', 'backend'];

  constructor(options: RandomResizedCropOptions, owner = 'RandomResizedCrop') {
    this.scale = checkSize(options.scale, owner, 'scale', '(h, w)');
    this.cropRatioRange = checkRange(options.crop_ratio_range ?? [0.08, 1.0], owner, 'crop_ratio_range');
    this.aspectRatioRange = checkRange(options.aspect_ratio_range ?? [3 / 4, 4 / 3], owner, 'aspect_ratio_range', { positive: true });
    const maxAttempts = options.max_attempts ?? 10;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 0) throw new RangeError(`${owner}: max_attempts must be an integer >= 0, got ${maxAttempts}`);
    this.maxAttempts = maxAttempts;
    const backend = options.backend ?? 'cv2';
    checkBackend(backend, owner);
    this.backend = backend;
    this.interpolation = options.interpolation ?? 'bilinear';
    checkInterpolation(this.interpolation, 'cv2', owner);
  }

  /** The crop box for an image of this size (MMPretrain's `rand_crop_params`). */
  cropParams(height: number, width: number, generator: Generator): CropBox {
    const area = height * width;
    const logRatio = [Math.log(this.aspectRatioRange[0]), Math.log(this.aspectRatioRange[1])] as const;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const targetArea = uniform(generator, this.cropRatioRange[0], this.cropRatioRange[1]) * area;
      const aspectRatio = Math.exp(uniform(generator, logRatio[0], logRatio[1]));
      const targetWidth = pythonRound(Math.sqrt(targetArea * aspectRatio));
      const targetHeight = pythonRound(Math.sqrt(targetArea / aspectRatio));
      if (targetWidth > 0 && targetWidth <= width && targetHeight > 0 && targetHeight <= height) {
        const offsetHeight = randomInteger(generator, 0, height - targetHeight + 1);
        const offsetWidth = randomInteger(generator, 0, width - targetWidth + 1);
        return { offsetHeight, offsetWidth, targetHeight, targetWidth };
      }
    }
    return centerFallback(height, width, this.aspectRatioRange);
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = sampleImage(results, 'RandomResizedCrop');
    const box = this.cropParams(image.height, image.width, generator);
    const cropped = imcrop(image, [box.offsetWidth, box.offsetHeight, box.offsetWidth + box.targetWidth - 1, box.offsetHeight + box.targetHeight - 1]);
    const resized = imresize(cropped, [this.scale[1], this.scale[0]], this.interpolation, this.backend);
    results.img = resized;
    results.img_shape = imageShape(resized);
    return results;
  }
}

/**
 * The centre crop RandomResizedCrop falls back to: the whole image, or the largest centred crop
 * whose aspect ratio is clamped to the range.
 *
 * @example
 * centerFallback(100, 400, [3 / 4, 4 / 3]); // width round(100 * 4/3) = 133, centred
 */
export function centerFallback(height: number, width: number, aspectRatioRange: readonly [number, number]): CropBox {
  const inRatio = width / height;
  const minRatio = Math.min(...aspectRatioRange);
  const maxRatio = Math.max(...aspectRatioRange);
  let targetWidth: number;
  let targetHeight: number;
  if (inRatio < minRatio) {
    targetWidth = width;
    targetHeight = pythonRound(targetWidth / minRatio);
  } else if (inRatio > maxRatio) {
    targetHeight = height;
    targetWidth = pythonRound(targetHeight * maxRatio);
  } else {
    targetWidth = width;
    targetHeight = height;
  }
  return { offsetHeight: Math.floor((height - targetHeight) / 2), offsetWidth: Math.floor((width - targetWidth) / 2), targetHeight, targetWidth };
}
