import { type AnyModule, Conv2d, DropPath, Linear, type Parameter, type Tensor, add, checkpoint, full, isGradEnabled, mul, permute, reshape, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildActivationLayer } from '../../builders/build-activation-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { LayerNorm2d } from '../../layers/layer-norm-2d';
import { GRN } from './grn';

/** The depthwise convolution of a {@link ConvNeXtBlock} (MMPretrain's `dw_conv_cfg`). */
export interface ConvNeXtDepthwiseConvConfig {
  /** Default 7. */
  kernel_size?: number;
  /** Default 3. */
  padding?: number;
}

/** The options of {@link ConvNeXtBlock}, as MMPretrain's. */
export interface ConvNeXtBlockOptions {
  in_channels: number;
  /** Default `{ kernel_size: 7, padding: 3 }`. */
  dw_conv_cfg?: ConvNeXtDepthwiseConvConfig;
  /** Default `{ type: 'LN2d', eps: 1e-6 }`. */
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  mlp_ratio?: number;
  /**
   * The pointwise convolutions as Linear layers on NHWC maps (default true, as the official
   * ConvNeXt), or as 1x1 Conv2d layers on NCHW maps (state-dict weights `[out, in, 1, 1]`).
   */
  linear_pw_conv?: boolean;
  drop_path_rate?: number;
  /** The initial layer scale `gamma` (0: no layer scale). Default 1e-6. */
  layer_scale_init_value?: number;
  /** A {@link GRN} after the activation (ConvNeXt V2). Default false. */
  use_grn?: boolean;
  /** Recompute the block in backward instead of keeping its activations (gradient checkpointing). */
  with_cp?: boolean;
}

/**
 * MMPretrain's `ConvNeXtBlock`: a depthwise conv (7x7), a LayerNorm over the channels, two
 * pointwise layers with GELU (and, for ConvNeXt V2, a GRN) between them, a layer scale `gamma`
 * and a residual connection (through drop path). With `linear_pw_conv` the pointwise layers are
 * Linear layers on NHWC maps, otherwise 1x1 convolutions on NCHW maps (the same function).
 */
export class ConvNeXtBlock extends BaseModule {
  readonly linearPwConv: boolean;
  readonly withCp: boolean;
  readonly gamma: Parameter | null;
  readonly depthwiseConv: Conv2d;
  readonly norm: LayerNorm2d;
  readonly pointwiseConv1: Linear | Conv2d;
  readonly act: AnyModule;
  readonly pointwiseConv2: Linear | Conv2d;
  readonly grn: GRN | null;
  readonly dropPath: DropPath | null;

  constructor(options: ConvNeXtBlockOptions) {
    super();
    const channels = options.in_channels;
    this.linearPwConv = options.linear_pw_conv ?? true;
    this.withCp = options.with_cp ?? false;
    const scale = options.layer_scale_init_value ?? 1e-6;
    const depthwise = options.dw_conv_cfg ?? {};
    this.depthwiseConv = this.registerModule(
      'depthwise_conv',
      new Conv2d(channels, channels, depthwise.kernel_size ?? 7, { padding: depthwise.padding ?? 3, groups: channels }),
    );
    this.norm = this.registerModule('norm', buildNormLayer(options.norm_cfg ?? { type: 'LN2d', eps: 1e-6 }, channels)[1] as LayerNorm2d);
    const mid = Math.trunc((options.mlp_ratio ?? 4) * channels);
    const pointwise = (input: number, output: number) => (this.linearPwConv ? new Linear(input, output) : new Conv2d(input, output, 1));
    this.pointwiseConv1 = this.registerModule('pointwise_conv1', pointwise(channels, mid));
    this.act = this.registerModule('act', buildActivationLayer(options.act_cfg ?? { type: 'GELU' }));
    this.pointwiseConv2 = this.registerModule('pointwise_conv2', pointwise(mid, channels));
    this.grn = this.registerModule('grn', options.use_grn ? new GRN(mid) : null);
    this.gamma = this.registerParameter('gamma', scale > 0 ? full([channels], scale) : null);
    const rate = options.drop_path_rate ?? 0;
    this.dropPath = this.registerModule('drop_path', rate > 0 ? new DropPath(rate) : null);
  }

  forward(x: Tensor): Tensor {
    // As MMPretrain: checkpointed only when the input takes part in a recorded graph.
    if (this.withCp && x.requiresGrad && isGradEnabled()) return checkpoint((input) => this.innerForward(input), [x]);
    return this.innerForward(x);
  }

  private innerForward(x: Tensor): Tensor {
    return tidy(() => {
      let out = this.depthwiseConv.forward(x);
      if (this.linearPwConv) {
        out = this.norm.forward(permute(out, [0, 2, 3, 1]), true);
        out = this.act.forward(this.pointwiseConv1.forward(out)) as Tensor;
        if (this.grn) out = this.grn.forward(out, true);
        out = permute(this.pointwiseConv2.forward(out), [0, 3, 1, 2]);
      } else {
        out = this.norm.forward(out);
        out = this.act.forward(this.pointwiseConv1.forward(out)) as Tensor;
        if (this.grn) out = this.grn.forward(out);
        out = this.pointwiseConv2.forward(out);
      }
      if (this.gamma) out = mul(out, reshape(this.gamma, [1, -1, 1, 1]));
      if (this.dropPath) out = this.dropPath.forward(out);
      return add(x, out);
    });
  }
}
