import type { Generator } from '@mmpt/tensor';
import type { Image } from '../../image/image';
import { autoContrast, equalize, posterize, solarize } from '../../ops/histogram-ops';
import { pillowBrightness, pillowColor, pillowContrast, pillowSharpness } from '../../ops/pillow-enhance';
import { type PillowTransformInterpolation, pillowAffine, pillowRotate } from '../../ops/pillow-transform';
import { roundHalfEven } from '../../ops/rounding';
import { checkPositiveInteger } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { type TorchvisionInterpolation, parseFill, pilImage, torchvisionInterpolation } from './torchvision-options';

/** torch.linspace in float32 (torch's symmetric formula). */
function linspace(start: number, end: number, steps: number): number[] {
  const step = Math.fround((end - start) / (steps - 1));
  const half = Math.floor(steps / 2);
  return Array.from({ length: steps }, (_, index) => Math.fround(index < half ? start + step * index : end - step * (steps - index - 1)));
}

type OperationName =
  | 'Identity'
  | 'ShearX'
  | 'ShearY'
  | 'TranslateX'
  | 'TranslateY'
  | 'Rotate'
  | 'Brightness'
  | 'Color'
  | 'Contrast'
  | 'Sharpness'
  | 'Posterize'
  | 'Solarize'
  | 'AutoContrast'
  | 'Equalize';

interface Operation {
  name: OperationName;
  magnitudes: number[] | undefined;
  signed: boolean;
}

/** The options of {@link TorchvisionTrivialAugmentWide}. */
export interface TorchvisionTrivialAugmentWideOptions {
  /** Defaults to 31. */
  num_magnitude_bins?: number;
  /** `'nearest'` (default), `'bilinear'` or `'bicubic'`. */
  interpolation?: TorchvisionInterpolation | string;
  /** The fill of geometric operations. Defaults to zeros. */
  fill?: number | readonly number[] | null;
}

/**
 * `torchvision/TrivialAugmentWide` on a PIL image: one operation drawn uniformly with one
 * magnitude bin drawn uniformly (and a random sign), applied with Pillow as torchvision does.
 *
 * @example
 * new TorchvisionTrivialAugmentWide({ interpolation: 'bilinear' });
 */
export class TorchvisionTrivialAugmentWide implements Transform {
  readonly operations: Operation[];
  readonly interpolation: PillowTransformInterpolation;
  readonly fill: number | readonly number[] | null | undefined;

  static readonly optionNames = ['num_magnitude_bins', 'interpolation', 'fill'];

  constructor(options: TorchvisionTrivialAugmentWideOptions = {}) {
    const bins = checkPositiveInteger(options.num_magnitude_bins ?? 31, 'torchvision/TrivialAugmentWide', 'num_magnitude_bins');
    const interpolation = torchvisionInterpolation(options.interpolation, 'torchvision/TrivialAugmentWide', 'nearest');
    if (interpolation !== 'nearest' && interpolation !== 'bilinear' && interpolation !== 'bicubic') {
      throw new RangeError(`torchvision/TrivialAugmentWide: interpolation must be 'nearest', 'bilinear' or 'bicubic' for PIL images, got '${interpolation}'`);
    }
    this.interpolation = interpolation;
    this.fill = options.fill;
    const ramp = (end: number) => (bins > 1 ? linspace(0, end, bins) : [0]);
    this.operations = [
      { name: 'Identity', magnitudes: undefined, signed: false },
      { name: 'ShearX', magnitudes: ramp(0.99), signed: true },
      { name: 'ShearY', magnitudes: ramp(0.99), signed: true },
      { name: 'TranslateX', magnitudes: ramp(32), signed: true },
      { name: 'TranslateY', magnitudes: ramp(32), signed: true },
      { name: 'Rotate', magnitudes: ramp(135), signed: true },
      { name: 'Brightness', magnitudes: ramp(0.99), signed: true },
      { name: 'Color', magnitudes: ramp(0.99), signed: true },
      { name: 'Contrast', magnitudes: ramp(0.99), signed: true },
      { name: 'Sharpness', magnitudes: ramp(0.99), signed: true },
      { name: 'Posterize', magnitudes: Array.from({ length: bins }, (_, i) => 8 - roundHalfEven(Math.fround(i / Math.fround((bins - 1) / 6)))), signed: false },
      { name: 'Solarize', magnitudes: bins > 1 ? linspace(255, 0, bins) : [255], signed: false },
      { name: 'AutoContrast', magnitudes: undefined, signed: false },
      { name: 'Equalize', magnitudes: undefined, signed: false },
    ];
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = pilImage(results, 'torchvision/TrivialAugmentWide');
    const operation = this.operations[generator.integer(0, this.operations.length)] as Operation;
    let magnitude = operation.magnitudes ? (operation.magnitudes[generator.integer(0, operation.magnitudes.length)] as number) : 0;
    if (operation.signed && generator.integer(0, 2) === 1) magnitude = -magnitude;
    results.img = this.apply(image, operation.name, magnitude);
    return results;
  }

  /** Applies one operation with a magnitude, as torchvision's `_apply_op` on a PIL image. */
  apply(image: Image, name: OperationName, magnitude: number): Image {
    const fill = parseFill(this.fill, image.channels, 'torchvision/TrivialAugmentWide');
    switch (name) {
      case 'ShearX':
        return pillowAffine(image, [1, Math.tan(Math.atan(magnitude)), 0, -0, 1, 0], this.interpolation, fill);
      case 'ShearY':
        return pillowAffine(image, [1, -0, 0, Math.tan(Math.atan(magnitude)), 1, 0], this.interpolation, fill);
      case 'TranslateX':
        return pillowAffine(image, [1, -0, -Math.trunc(magnitude), -0, 1, 0], this.interpolation, fill);
      case 'TranslateY':
        return pillowAffine(image, [1, -0, 0, -0, 1, -Math.trunc(magnitude)], this.interpolation, fill);
      case 'Rotate':
        return pillowRotate(image, magnitude, this.interpolation, fill);
      case 'Brightness':
        return pillowBrightness(image, 1 + magnitude);
      case 'Color':
        return pillowColor(image, 1 + magnitude);
      case 'Contrast':
        return pillowContrast(image, 1 + magnitude);
      case 'Sharpness':
        return pillowSharpness(image, 1 + magnitude);
      case 'Posterize':
        return posterize(image, Math.trunc(magnitude));
      case 'Solarize':
        return solarize(image, magnitude);
      case 'AutoContrast':
        return autoContrast(image);
      case 'Equalize':
        return equalize(image);
      default:
        return image;
    }
  }
}
