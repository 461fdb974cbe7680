import { type AnyModule, Conv2d, DropPath, Linear, type Parameter, type Tensor, add, full, mul, permute, reshape, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildActivationLayer } from '../../builders/build-activation-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { LayerNorm2d } from '../../layers/layer-norm-2d';

/** The options of {@link ConvNeXtBlock}, as MMPretrain's. */
export interface ConvNeXtBlockOptions {
  in_channels: number;
  /** Default `{ type: 'LN2d', eps: 1e-6 }`. */
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  mlp_ratio?: number;
  drop_path_rate?: number;
  /** The initial layer scale `gamma` (0: no layer scale). Default 1e-6. */
  layer_scale_init_value?: number;
}

/**
 * MMPretrain's `ConvNeXtBlock`: a 7x7 depthwise conv, a LayerNorm over the channels, two pointwise
 * Linear layers with GELU between them (on NHWC, as `linear_pw_conv`), a layer scale `gamma` and a
 * residual connection (through drop path).
 */
export class ConvNeXtBlock extends BaseModule {
  readonly gamma: Parameter | null;
  readonly depthwiseConv: Conv2d;
  readonly norm: LayerNorm2d;
  readonly pointwiseConv1: Linear;
  readonly act: AnyModule;
  readonly pointwiseConv2: Linear;
  readonly dropPath: DropPath | null;

  constructor(options: ConvNeXtBlockOptions) {
    super();
    const channels = options.in_channels;
    const scale = options.layer_scale_init_value ?? 1e-6;
    this.gamma = this.registerParameter('gamma', scale > 0 ? full([channels], scale) : null);
    this.depthwiseConv = this.registerModule('depthwise_conv', new Conv2d(channels, channels, 7, { padding: 3, groups: channels }));
    this.norm = this.registerModule('norm', buildNormLayer(options.norm_cfg ?? { type: 'LN2d', eps: 1e-6 }, channels)[1] as LayerNorm2d);
    const mid = Math.trunc((options.mlp_ratio ?? 4) * channels);
    this.pointwiseConv1 = this.registerModule('pointwise_conv1', new Linear(channels, mid));
    this.act = this.registerModule('act', buildActivationLayer(options.act_cfg ?? { type: 'GELU' }));
    this.pointwiseConv2 = this.registerModule('pointwise_conv2', new Linear(mid, channels));
    const rate = options.drop_path_rate ?? 0;
    this.dropPath = this.registerModule('drop_path', rate > 0 ? new DropPath(rate) : null);
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      let out = permute(this.depthwiseConv.forward(x), [0, 2, 3, 1]);
      out = this.norm.forward(out, true);
      out = this.pointwiseConv2.forward(this.act.forward(this.pointwiseConv1.forward(out)) as Tensor);
      out = permute(out, [0, 3, 1, 2]);
      if (this.gamma) out = mul(out, reshape(this.gamma, [1, -1, 1, 1]));
      if (this.dropPath) out = this.dropPath.forward(out);
      return add(x, out);
    });
  }
}
