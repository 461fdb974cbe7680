import type { Generator } from '@mmpt/tensor';
import { cropRegion } from '../../ops/crop';
import { resizePillow } from '../../ops/resize-pillow';
import { pythonRound } from '../../ops/rounding';
import { checkRange } from '../../pipeline/checks';
import { randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { centerFallback } from '../processing/random-resized-crop';
import { type TorchvisionInterpolation, pilImage, sizePair, torchvisionInterpolation } from './torchvision-options';

/** The options of {@link TorchvisionRandomResizedCrop} (torchvision's names). */
export interface TorchvisionRandomResizedCropOptions {
  /** The output size: an int or `(h, w)`. */
  size: number | readonly number[];
  /** The area range. Defaults to `(0.08, 1.0)`. */
  scale?: readonly [number, number];
  /** The aspect ratio range. Defaults to `(3/4, 4/3)`. */
  ratio?: readonly [number, number];
  /** Defaults to `'bilinear'`. */
  interpolation?: TorchvisionInterpolation | string;
  /** Accepted for compatibility (PIL always antialiases). */
  antialias?: boolean | null;
}

/**
 * `torchvision/RandomResizedCrop` on a PIL image: torchvision's sampling (10 tries, then a centre
 * crop), then Pillow's resize.
 *
 * @example
 * new TorchvisionRandomResizedCrop({ size: 176, interpolation: 'bilinear' });
 */
export class TorchvisionRandomResizedCrop implements Transform {
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly interpolation: TorchvisionInterpolation;

  static readonly optionNames = ['size', 'scale', 'ratio', 'interpolation', 'antialias'];

  constructor(options: TorchvisionRandomResizedCropOptions) {
    this.size = sizePair(options.size, 'torchvision/RandomResizedCrop');
    this.scale = checkRange(options.scale ?? [0.08, 1.0], 'torchvision/RandomResizedCrop', 'scale');
    this.ratio = checkRange(options.ratio ?? [3 / 4, 4 / 3], 'torchvision/RandomResizedCrop', 'ratio', { positive: true });
    this.interpolation = torchvisionInterpolation(options.interpolation, 'torchvision/RandomResizedCrop', 'bilinear');
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = pilImage(results, 'torchvision/RandomResizedCrop');
    const { height, width } = image;
    const area = height * width;
    const logRatio = [Math.fround(Math.log(this.ratio[0])), Math.fround(Math.log(this.ratio[1]))] as const;
    let box = undefined as undefined | [number, number, number, number];
    for (let attempt = 0; attempt < 10 && !box; attempt++) {
      const targetArea = area * uniform(generator, this.scale[0], this.scale[1]);
      const aspectRatio = Math.exp(uniform(generator, logRatio[0], logRatio[1]));
      const w = pythonRound(Math.sqrt(targetArea * aspectRatio));
      const h = pythonRound(Math.sqrt(targetArea / aspectRatio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const top = randomInteger(generator, 0, height - h + 1);
        const left = randomInteger(generator, 0, width - w + 1);
        box = [top, left, h, w];
      }
    }
    if (!box) {
      const fallback = centerFallback(height, width, this.ratio);
      box = [fallback.offsetHeight, fallback.offsetWidth, fallback.targetHeight, fallback.targetWidth];
    }
    const cropped = cropRegion(image, box[0], box[1], box[2], box[3]);
    results.img = resizePillow(cropped, this.size[1], this.size[0], this.interpolation);
    return results;
  }
}
