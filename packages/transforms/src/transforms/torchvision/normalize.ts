import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { tensorImage } from './torchvision-options';

const f32 = Math.fround;

/** The options of {@link TorchvisionNormalize}. */
export interface TorchvisionNormalizeOptions {
  mean: readonly number[];
  std: readonly number[];
  inplace?: boolean;
}

/** `torchvision/Normalize` on a float CHW tensor image: `(x - mean) / std` per channel in float32. */
export class TorchvisionNormalize implements Transform {
  readonly mean: number[];
  readonly std: number[];

  static readonly optionNames = ['mean', 'std', 'inplace'];

  constructor(options: TorchvisionNormalizeOptions) {
    this.mean = options.mean.map((value) => f32(value));
    this.std = options.std.map((value) => f32(value));
    if (this.std.some((value) => value === 0)) throw new RangeError('torchvision/Normalize: std evaluated to zero, leading to division by zero');
  }

  transform(results: Sample): Sample {
    const image = tensorImage(results, 'torchvision/Normalize');
    if (!(image.data instanceof Float32Array)) throw new TypeError('torchvision/Normalize: expects a float tensor image (use torchvision/ConvertImageDtype first)');
    const plane = image.height * image.width;
    const pick = (values: number[], channel: number) => (values.length === 1 ? (values[0] as number) : (values[channel] as number));
    if (this.mean.length !== 1 && this.mean.length !== image.channels) {
      throw new RangeError(`torchvision/Normalize: mean has ${this.mean.length} values but the image has ${image.channels} channels`);
    }
    const data = new Float32Array(image.data.length);
    for (let c = 0; c < image.channels; c++) {
      const mean = pick(this.mean, c);
      const std = pick(this.std, c);
      for (let i = c * plane; i < (c + 1) * plane; i++) data[i] = f32(f32((image.data[i] as number) - mean) / std);
    }
    results.img = { ...image, data };
    return results;
  }
}
