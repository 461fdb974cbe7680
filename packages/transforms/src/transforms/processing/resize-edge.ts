import { imageShape } from '../../image/image';
import { imresize } from '../../ops/imresize';
import { type Interpolation, type PillowInterpolation, type ResizeBackend, checkBackend, checkInterpolation } from '../../ops/interpolation';
import { checkChoice, checkPositiveInteger } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The edges {@link ResizeEdge} can resize along. */
export type Edge = 'short' | 'long' | 'width' | 'height';

/** The options of {@link ResizeEdge}. */
export interface ResizeEdgeOptions {
  /** The length of the chosen edge after resizing. */
  scale: number;
  /** Defaults to `'short'`. */
  edge?: Edge;
  backend?: ResizeBackend;
  interpolation?: Interpolation | PillowInterpolation;
}

/**
 * Resizes so that one edge has length `scale` and the other keeps the aspect ratio, truncated
 * (`int(scale * h / w)`), as MMPretrain's `ResizeEdge`. Sets `scale` (the new w, h) and
 * `scale_factor`.
 *
 * @example
 * new ResizeEdge({ scale: 256, edge: 'short' }); // 500x375 -> 341x256
 */
export class ResizeEdge implements Transform {
  readonly scale: number;
  readonly edge: Edge;
  readonly backend: ResizeBackend;
  readonly interpolation: Interpolation | PillowInterpolation;

  static readonly optionNames = ['scale', 'edge', 'backend', 'interpolation'];

  constructor(options: ResizeEdgeOptions) {
    this.scale = checkPositiveInteger(options.scale, 'ResizeEdge', 'scale');
    this.edge = checkChoice(options.edge ?? 'short', ['short', 'long', 'width', 'height'], 'ResizeEdge', 'edge');
    const backend = options.backend ?? 'cv2';
    checkBackend(backend, 'ResizeEdge');
    this.backend = backend;
    this.interpolation = options.interpolation ?? 'bilinear';
    checkInterpolation(this.interpolation, backend, 'ResizeEdge');
  }

  /** The output `(w, h)` for an input size. */
  targetSize(height: number, width: number): [number, number] {
    if ((this.edge === 'short' && width < height) || (this.edge === 'long' && width > height) || this.edge === 'width') {
      return [this.scale, Math.trunc((this.scale * height) / width)];
    }
    return [Math.trunc((this.scale * width) / height), this.scale];
  }

  transform(results: Sample): Sample {
    const image = sampleImage(results, 'ResizeEdge');
    const size = this.targetSize(image.height, image.width);
    if (size[0] <= 0 || size[1] <= 0) {
      throw new RangeError(`ResizeEdge: resizing a ${image.height}x${image.width} image to ${size[0]}x${size[1]} (w x h) gives an empty image`);
    }
    const resized = imresize(image, size, this.interpolation, this.backend);
    results.img = resized;
    results.img_shape = imageShape(resized).slice(0, 2);
    results.scale = [resized.width, resized.height];
    results.scale_factor = [size[0] / image.width, size[1] / image.height];
    return results;
  }
}
