import { Conv2d, type Tensor, permute, reshape, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { firstFeature } from '../utils/as-feature-list';

/** The options of {@link SimMIMLinearDecoder}, as MMPretrain's. */
export interface SimMIMLinearDecoderOptions {
  /** The channels of the encoder's feature map. */
  in_channels: number;
  /** The total stride of the encoder (the pixels per feature-map cell along each side). */
  encoder_stride: number;
  /** The image channels to reconstruct (MMPretrain's decoder always makes 3). Default 3. */
  out_channels?: number;
}

/**
 * MMPretrain's `SimMIMLinearDecoder`: a 1x1 convolution to `encoder_stride² * 3` channels
 * (`decoder.0`) followed by a pixel shuffle, reconstructing the image `[B, 3, H, W]` from the
 * encoder's feature map `[B, C, H / stride, W / stride]`.
 */
export class SimMIMLinearDecoder extends BaseModule<[Tensor | Tensor[]], Tensor> {
  readonly encoderStride: number;
  readonly outChannels: number;
  readonly conv: Conv2d;

  constructor(options: SimMIMLinearDecoderOptions) {
    super();
    this.encoderStride = options.encoder_stride;
    this.outChannels = options.out_channels ?? 3;
    this.conv = new Conv2d(options.in_channels, this.encoderStride ** 2 * this.outChannels, 1);
    const decoder = new DecoderSequence(this.conv);
    this.registerModule('decoder', decoder);
  }

  forward(input: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(input) ? firstFeature(input, 'SimMIMLinearDecoder') : input;
    return tidy(() => pixelShuffle(this.conv.forward(x), this.encoderStride));
  }
}

/** Holds the convolution as `decoder.0` (the state-dict name of MMPretrain's `nn.Sequential`). */
class DecoderSequence extends BaseModule {
  constructor(readonly conv: Conv2d) {
    super();
    this.registerModule('0', conv);
  }

  forward(x: Tensor): Tensor {
    return this.conv.forward(x);
  }
}

/** `torch.nn.functional.pixel_shuffle`: `[B, C r², H, W]` to `[B, C, H r, W r]`. */
export function pixelShuffle(x: Tensor, factor: number): Tensor {
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  if (x.rank !== 4 || channels % (factor * factor) !== 0) throw new RangeError(`pixelShuffle: expected [B, C r², H, W] with r = ${factor}, got [${x.shape.join(', ')}]`);
  const out = channels / (factor * factor);
  return tidy(() => reshape(permute(reshape(x, [batch, out, factor, factor, height, width]), [0, 1, 4, 2, 5, 3]), [batch, out, height * factor, width * factor]));
}
