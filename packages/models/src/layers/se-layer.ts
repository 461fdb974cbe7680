import { type Tensor, mean, mul, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { ConvModule } from '../builders/conv-module';
import type { LayerConfig } from '../builders/layer-config';
import { makeDivisible } from '../utils/make-divisible';

/** The options of {@link SELayer}, as MMPretrain's. */
export interface SELayerOptions {
  channels: number;
  /** The squeezed channels; by default `makeDivisible(channels / ratio, divisor)`. */
  squeeze_channels?: number;
  ratio?: number;
  divisor?: number;
  /** Whether the two 1x1 convs have biases (`'auto'`: yes, as they have no norm). */
  bias?: boolean | 'auto';
  conv_cfg?: LayerConfig | null;
  /** The activations after the two convs (ReLU and Sigmoid by default). */
  act_cfg?: [LayerConfig, LayerConfig];
}

/**
 * MMPretrain's `SELayer` (squeeze and excitation): global average pooling, a 1x1 ConvModule that
 * squeezes the channels (`conv1`), one that restores them (`conv2`), and a channel-wise rescaling
 * of the input.
 */
export class SELayer extends BaseModule {
  readonly conv1: ConvModule;
  readonly conv2: ConvModule;

  constructor(options: SELayerOptions) {
    super();
    const ratio = options.ratio ?? 16;
    const squeeze = options.squeeze_channels ?? makeDivisible(Math.trunc(options.channels / ratio), options.divisor ?? 8);
    const [first, second] = options.act_cfg ?? [{ type: 'ReLU' }, { type: 'Sigmoid' }];
    const common = { bias: options.bias ?? 'auto', conv_cfg: options.conv_cfg ?? null };
    this.conv1 = this.registerModule('conv1', new ConvModule(options.channels, squeeze, 1, { ...common, act_cfg: first }));
    this.conv2 = this.registerModule('conv2', new ConvModule(squeeze, options.channels, 1, { ...common, act_cfg: second }));
  }

  forward(x: Tensor): Tensor {
    return tidy(() => mul(x, this.conv2.forward(this.conv1.forward(mean(x, [2, 3], true)))));
  }
}
