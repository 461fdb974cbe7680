import type { Generator } from '@mmpt/tensor';
import { pythonRound } from '../../ops/rounding';
import { checkProbability, checkRange } from '../../pipeline/checks';
import { randomInteger, uniform } from '../../pipeline/random';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { tensorImage } from './torchvision-options';

const f32 = Math.fround;

/** The options of {@link TorchvisionRandomErasing}. */
export interface TorchvisionRandomErasingOptions {
  /** Defaults to 0.5. */
  p?: number;
  /** The area range. Defaults to `(0.02, 0.33)`. */
  scale?: readonly [number, number];
  /** The aspect ratio range. Defaults to `(0.3, 3.3)`. */
  ratio?: readonly [number, number];
  /** A number, one per channel, or `'random'` (normal noise). Defaults to 0. */
  value?: number | readonly number[] | 'random';
  inplace?: boolean;
}

/** `torchvision/RandomErasing` on a CHW tensor image. */
export class TorchvisionRandomErasing implements Transform {
  readonly p: number;
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly value: number[] | 'random';

  static readonly optionNames = ['p', 'scale', 'ratio', 'value', 'inplace'];

  constructor(options: TorchvisionRandomErasingOptions = {}) {
    this.p = checkProbability(options.p ?? 0.5, 'torchvision/RandomErasing', 'p');
    this.scale = checkRange(options.scale ?? [0.02, 0.33], 'torchvision/RandomErasing', 'scale');
    this.ratio = checkRange(options.ratio ?? [0.3, 3.3], 'torchvision/RandomErasing', 'ratio', { positive: true });
    const value = options.value ?? 0;
    if (value === 'random') this.value = 'random';
    else if (typeof value === 'number') this.value = [value];
    else if (Array.isArray(value)) this.value = [...value];
    else throw new TypeError(`torchvision/RandomErasing: value must be a number, a list or 'random', got ${JSON.stringify(value)}`);
  }

  transform(results: Sample, generator: Generator): Sample {
    if (!(generator.uniform() < this.p)) return results;
    const image = tensorImage(results, 'torchvision/RandomErasing');
    const { channels, height, width } = image;
    if (this.value !== 'random' && this.value.length !== 1 && this.value.length !== channels) {
      throw new RangeError(`torchvision/RandomErasing: value must have 1 or ${channels} values, got ${this.value.length}`);
    }
    const area = height * width;
    const logRatio = [f32(Math.log(this.ratio[0])), f32(Math.log(this.ratio[1]))] as const;
    for (let attempt = 0; attempt < 10; attempt++) {
      const eraseArea = area * uniform(generator, this.scale[0], this.scale[1]);
      const aspectRatio = Math.exp(uniform(generator, logRatio[0], logRatio[1]));
      const h = pythonRound(Math.sqrt(eraseArea * aspectRatio));
      const w = pythonRound(Math.sqrt(eraseArea / aspectRatio));
      if (!(h < height && w < width)) continue;
      let noise: Float32Array | undefined;
      if (this.value === 'random') {
        noise = new Float32Array(channels * h * w);
        for (let i = 0; i < noise.length; i++) noise[i] = generator.normal();
      }
      const top = randomInteger(generator, 0, height - h + 1);
      const left = randomInteger(generator, 0, width - w + 1);
      const data = image.data.slice();
      for (let c = 0; c < channels; c++) {
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const fill = noise ? (noise[(c * h + y) * w + x] as number) : ((this.value as number[]).length === 1 ? (this.value as number[])[0] : (this.value as number[])[c]) as number;
            data[(c * height + top + y) * width + left + x] = fill;
          }
        }
      }
      results.img = { ...image, data };
      return results;
    }
    return results;
  }
}
