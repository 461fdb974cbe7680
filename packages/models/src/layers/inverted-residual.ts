import { DropPath, type Tensor, add, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { ConvModule } from '../builders/conv-module';
import type { LayerConfig } from '../builders/layer-config';
import { SELayer, type SELayerOptions } from './se-layer';

/** The options of {@link InvertedResidual}, as MMPretrain's `utils.InvertedResidual`. */
export interface InvertedResidualOptions {
  in_channels: number;
  out_channels: number;
  /** The channels of the depthwise convolution; an expand conv is added when they differ from `in_channels`. */
  mid_channels: number;
  kernel_size?: number;
  stride?: number;
  /** An SE layer after the depthwise conv (its `channels` are the mid channels). */
  se_cfg?: Omit<SELayerOptions, 'channels'> & { channels?: number } | null;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  drop_path_rate?: number;
}

/**
 * MMPretrain's inverted residual block (MobileNetV3, EfficientNet): an optional 1x1 `expand_conv`,
 * a depthwise `depthwise_conv`, an optional `se` layer and a linear 1x1 `linear_conv`, with a
 * shortcut (through drop path) when the stride is 1 and the channels are kept.
 */
export class InvertedResidual extends BaseModule {
  readonly withResShortcut: boolean;
  readonly expandConv: ConvModule | null;
  readonly depthwiseConv: ConvModule;
  readonly se: SELayer | null;
  readonly linearConv: ConvModule;
  readonly dropPath: DropPath | null;

  constructor(options: InvertedResidualOptions) {
    super();
    const stride = options.stride ?? 1;
    if (stride !== 1 && stride !== 2) throw new RangeError(`InvertedResidual: stride must be 1 or 2, got ${stride}`);
    const kernel = options.kernel_size ?? 3;
    const common = { conv_cfg: options.conv_cfg ?? null, norm_cfg: options.norm_cfg ?? { type: 'BN' } };
    const act = options.act_cfg ?? { type: 'ReLU' };
    const mid = options.mid_channels;
    this.withResShortcut = stride === 1 && options.in_channels === options.out_channels;
    const rate = options.drop_path_rate ?? 0;
    this.dropPath = this.registerModule('drop_path', rate > 0 ? new DropPath(rate) : null);
    this.expandConv = this.registerModule('expand_conv', mid !== options.in_channels ? new ConvModule(options.in_channels, mid, 1, { ...common, act_cfg: act }) : null);
    this.depthwiseConv = this.registerModule('depthwise_conv', new ConvModule(mid, mid, kernel, { ...common, stride, padding: Math.floor(kernel / 2), groups: mid, act_cfg: act }));
    this.se = this.registerModule('se', options.se_cfg ? new SELayer({ ...options.se_cfg, channels: options.se_cfg.channels ?? mid }) : null);
    this.linearConv = this.registerModule('linear_conv', new ConvModule(mid, options.out_channels, 1, { ...common, act_cfg: null }));
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      let out = this.expandConv ? this.expandConv.forward(x) : x;
      out = this.depthwiseConv.forward(out);
      if (this.se) out = this.se.forward(out);
      out = this.linearConv.forward(out);
      if (!this.withResShortcut) return out;
      return add(x, this.dropPath ? this.dropPath.forward(out) : out);
    });
  }
}
