import { resizePillow } from '../../ops/resize-pillow';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { type TorchvisionInterpolation, pilImage, sizePair, torchvisionInterpolation } from './torchvision-options';

/** The options of {@link TorchvisionResize}. */
export interface TorchvisionResizeOptions {
  /** An int (the shorter edge) or `(h, w)`. */
  size: number | readonly number[];
  /** Defaults to `'bilinear'`. */
  interpolation?: TorchvisionInterpolation | string;
  /** The longer edge's maximum, with an int size. */
  max_size?: number | null;
  antialias?: boolean | null;
}

/** `torchvision/Resize` on a PIL image (Pillow's resize). */
export class TorchvisionResize implements Transform {
  readonly size: number | [number, number];
  readonly interpolation: TorchvisionInterpolation;
  readonly maxSize: number | undefined;

  static readonly optionNames = ['size', 'interpolation', 'max_size', 'antialias'];

  constructor(options: TorchvisionResizeOptions) {
    const size = options.size;
    if (typeof size === 'number' || (Array.isArray(size) && size.length === 1)) {
      const edge = typeof size === 'number' ? size : (size[0] as number);
      if (!(Number.isInteger(edge) && edge > 0)) throw new RangeError(`torchvision/Resize: size must be positive, got ${JSON.stringify(size)}`);
      this.size = edge;
    } else {
      this.size = sizePair(size, 'torchvision/Resize');
    }
    this.interpolation = torchvisionInterpolation(options.interpolation, 'torchvision/Resize', 'bilinear');
    this.maxSize = options.max_size ?? undefined;
  }

  transform(results: Sample): Sample {
    const image = pilImage(results, 'torchvision/Resize');
    let newHeight: number;
    let newWidth: number;
    if (typeof this.size === 'number') {
      const { height: h, width: w } = image;
      const [short, long] = w <= h ? [w, h] : [h, w];
      let newShort = this.size;
      let newLong = Math.trunc((this.size * long) / short);
      if (this.maxSize !== undefined) {
        if (this.maxSize <= this.size) throw new RangeError(`torchvision/Resize: max_size (${this.maxSize}) must be larger than size (${this.size})`);
        if (newLong > this.maxSize) {
          newShort = Math.trunc((this.maxSize * newShort) / newLong);
          newLong = this.maxSize;
        }
      }
      [newWidth, newHeight] = w <= h ? [newShort, newLong] : [newLong, newShort];
    } else {
      [newHeight, newWidth] = this.size;
    }
    if (newHeight !== image.height || newWidth !== image.width) results.img = resizePillow(image, newWidth, newHeight, this.interpolation);
    return results;
  }
}
