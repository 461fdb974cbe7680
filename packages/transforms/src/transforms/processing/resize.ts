import { imageShape } from '../../image/image';
import { imresize, rescaleSize, scaleSize } from '../../ops/imresize';
import { type Interpolation, type PillowInterpolation, type ResizeBackend, checkBackend, checkInterpolation } from '../../ops/interpolation';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link Resize} (mmcv's names). */
export interface ResizeOptions {
  /** The target `(w, h)`, or an int for a square. */
  scale?: number | readonly [number, number];
  /** A factor (or `(w, h)` factors) used when `scale` is absent. */
  scale_factor?: number | readonly [number, number];
  /** Keep the aspect ratio: fit within `scale` (long edge, short edge). Defaults to false. */
  keep_ratio?: boolean;
  /** Accepted for compatibility (boxes are not handled here). Defaults to true. */
  clip_object_border?: boolean;
  /** `'cv2'` (default) or `'pillow'`. */
  backend?: ResizeBackend;
  /** Defaults to `'bilinear'`. */
  interpolation?: Interpolation | PillowInterpolation;
}

/**
 * Resizes the image to `scale` (w, h), or by `scale_factor`, optionally keeping the aspect ratio
 * (mmcv's `Resize`). Sets `img`, `img_shape`, `scale`, `scale_factor` (w, h) and `keep_ratio`.
 *
 * @example
 * new Resize({ scale: [256, 256] });
 * new Resize({ scale: [1333, 800], keep_ratio: true });
 */
export class Resize implements Transform {
  /** The target scale `(w, h)`; wrappers such as `RandomResize` set it before each call. */
  scale: [number, number] | undefined;
  readonly scaleFactor: [number, number] | undefined;
  readonly keepRatio: boolean;
  readonly backend: ResizeBackend;
  readonly interpolation: Interpolation | PillowInterpolation;

  static readonly optionNames = ['scale', 'scale_factor', 'keep_ratio', 'clip_object_border', 'backend', 'interpolation'];

  constructor(options: ResizeOptions) {
    if (options.scale === undefined && options.scale_factor === undefined) {
      throw new Error('Resize: scale and scale_factor cannot both be absent');
    }
    this.scale = options.scale === undefined ? undefined : toPair(options.scale, 'Resize', 'scale');
    this.scaleFactor = options.scale_factor === undefined ? undefined : toPair(options.scale_factor, 'Resize', 'scale_factor');
    this.keepRatio = options.keep_ratio ?? false;
    const backend = options.backend ?? 'cv2';
    checkBackend(backend, 'Resize');
    this.backend = backend;
    this.interpolation = options.interpolation ?? 'bilinear';
    checkInterpolation(this.interpolation, this.backend, 'Resize');
  }

  transform(results: Sample): Sample {
    const image = sampleImage(results, 'Resize');
    const scale: [number, number] = this.scale ? this.scale : scaleSize([image.width, image.height], this.scaleFactor as [number, number]);
    results.scale = scale;
    let size: [number, number] = scale;
    if (this.keepRatio) size = rescaleSize([image.width, image.height], scale)[0];
    if (size[0] <= 0 || size[1] <= 0) {
      throw new RangeError(`Resize: the target size ${size[0]}x${size[1]} (w x h) is empty for a ${image.height}x${image.width} image`);
    }
    const resized = imresize(image, size, this.interpolation, this.backend);
    results.img = resized;
    results.img_shape = imageShape(resized).slice(0, 2);
    results.scale_factor = [resized.width / image.width, resized.height / image.height];
    results.keep_ratio = this.keepRatio;
    return results;
  }
}

/** An int, or a pair, as a pair. */
export function toPair(value: number | readonly number[], owner: string, option: string): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (!Array.isArray(value) || value.length !== 2 || !value.every((item) => typeof item === 'number')) {
    throw new TypeError(`${owner}: ${option} must be a number or a pair of numbers, got ${JSON.stringify(value)}`);
  }
  return [value[0] as number, value[1] as number];
}
