import type { Generator } from '@mmpt/tensor';
import { createImage } from '../../image/image';
import { checkChoice, checkProbability } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link RandomGrayscale} (mmcv's names). */
export interface RandomGrayscaleOptions {
  /** Defaults to 0.1. */
  prob?: number;
  /** Keep as many channels as the input (the gray plane repeated). Defaults to false. */
  keep_channels?: boolean;
  /** Channel weights, normalised to sum 1. Defaults to `(1, 1, 1)`. */
  channel_weights?: readonly number[];
  /** `'bgr'` (default) or `'rgb'` (`'hsv'` is not supported). */
  color_format?: 'bgr' | 'rgb';
}

/**
 * Converts the image to gray with probability `prob` (mmcv's `RandomGrayscale`): a weighted sum of
 * the channels truncated to uint8, one channel unless `keep_channels`.
 *
 * @example
 * new RandomGrayscale({ prob: 0.2, keep_channels: true, channel_weights: [0.114, 0.587, 0.299] });
 */
export class RandomGrayscale implements Transform {
  readonly prob: number;
  readonly keepChannels: boolean;
  readonly channelWeights: number[];

  static readonly optionNames = ['prob', 'keep_channels', 'channel_weights', 'color_format'];

  constructor(options: RandomGrayscaleOptions = {}) {
    this.prob = checkProbability(options.prob ?? 0.1, 'RandomGrayscale', 'prob');
    this.keepChannels = options.keep_channels ?? false;
    this.channelWeights = [...(options.channel_weights ?? [1, 1, 1])];
    checkChoice(options.color_format ?? 'bgr', ['bgr', 'rgb'], 'RandomGrayscale', 'color_format (hsv is not supported)');
  }

  transform(results: Sample, generator: Generator): Sample {
    const image = sampleImage(results, 'RandomGrayscale');
    const channels = image.channels;
    if (generator.uniform() < this.prob && channels > 1) {
      if (channels !== this.channelWeights.length) {
        throw new RangeError(`RandomGrayscale: channel_weights has ${this.channelWeights.length} values but the image has ${channels} channels`);
      }
      const total = this.channelWeights.reduce((sum, value) => sum + value, 0);
      const weights = this.channelWeights.map((value) => value / total);
      const size = image.height * image.width;
      const outChannels = this.keepChannels ? channels : 1;
      const output = createImage(image.height, image.width, outChannels, { channelOrder: this.keepChannels ? image.channelOrder : 'gray' });
      for (let i = 0; i < size; i++) {
        let sum = 0;
        for (let c = 0; c < channels; c++) sum += (weights[c] as number) * (image.data[i * channels + c] as number);
        const value = Math.trunc(sum) & 255;
        for (let c = 0; c < outChannels; c++) output.data[i * outChannels + c] = value;
      }
      results.img = output;
      return results;
    }
    if (image.data instanceof Float32Array) {
      const data = new Uint8Array(image.data.length);
      for (let i = 0; i < data.length; i++) data[i] = Math.trunc(image.data[i] as number) & 255;
      results.img = { ...image, data };
    }
    return results;
  }
}
