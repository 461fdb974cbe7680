import { type Parameter, type Tensor, add, div, mean, mul, norm, reshape, tidy, zeros } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';

/** The options of {@link GRN} in a config, with MMPretrain's names. */
export interface GRNOptions {
  in_channels: number;
  eps?: number;
}

/** Builds a {@link GRN} from config options (registered as `GRN`, MMPretrain's constructor takes these names). */
export function buildGrn(options: GRNOptions): GRN {
  return new GRN(options.in_channels, options.eps);
}

/**
 * MMPretrain's `GRN`, the Global Response Normalization of ConvNeXt V2
 * (https://arxiv.org/abs/2301.00808): each channel's L2 norm over the spatial positions, divided
 * by the mean of those norms over the channels, rescales the input:
 * `gamma * (x * nx) + beta + x`. `gamma` and `beta` (one value per channel) start at zero, so a
 * fresh GRN is the identity. Takes NCHW maps, or NHWC ones with `channelLast`.
 *
 * @example
 * const grn = new GRN(384);
 * const y = grn.forward(x); // x: [N, 384, H, W]
 * // from a config, as MMPretrain registers it:
 * registries.models.build({ type: 'GRN', in_channels: 384, eps: 1e-6 });
 */
export class GRN extends BaseModule<[Tensor, boolean?], Tensor> {
  readonly inChannels: number;
  readonly eps: number;
  readonly gamma: Parameter;
  readonly beta: Parameter;

  constructor(inChannels: number, eps = 1e-6) {
    super();
    if (!Number.isInteger(inChannels) || inChannels < 1) throw new RangeError(`GRN: in_channels must be a positive integer, got ${inChannels}`);
    this.inChannels = inChannels;
    this.eps = eps;
    this.gamma = this.registerParameter('gamma', zeros([inChannels]));
    this.beta = this.registerParameter('beta', zeros([inChannels]));
  }

  forward(x: Tensor, channelLast = false): Tensor {
    if (x.rank !== 4) throw new RangeError(`GRN: expects a 4-D input, got [${x.shape.join(', ')}]`);
    const channelAxis = channelLast ? 3 : 1;
    if (x.shape[channelAxis] !== this.inChannels) {
      throw new RangeError(`GRN: expects ${this.inChannels} channels on axis ${channelAxis}, got [${x.shape.join(', ')}]`);
    }
    return tidy(() => {
      const spatial = channelLast ? [1, 2] : [2, 3];
      const responses = norm(x, 2, spatial, true);
      const normalized = div(responses, add(mean(responses, channelAxis, true), this.eps));
      const shape = channelLast ? [1, 1, 1, this.inChannels] : [1, this.inChannels, 1, 1];
      return add(add(mul(reshape(this.gamma, shape), mul(x, normalized)), reshape(this.beta, shape)), x);
    });
  }
}
