import { Sequential, type Tensor, add, checkpoint, isGradEnabled, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { ConvModule } from '../../builders/conv-module';
import type { LayerConfig } from '../../builders/layer-config';

/** The options of {@link MobileNetV2InvertedResidual}. */
export interface MobileNetV2BlockOptions {
  in_channels: number;
  out_channels: number;
  stride: number;
  expand_ratio: number;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  /** Gradient checkpointing (default false): recompute the block in backward instead of keeping its activations. */
  with_cp?: boolean;
}

/**
 * The inverted residual block of MMPretrain's MobileNetV2 (`mobilenet_v2.InvertedResidual`): a
 * Sequential `conv` of an optional 1x1 expansion, a 3x3 depthwise conv and a linear 1x1 conv, with
 * a shortcut when the stride is 1 and the channels are kept.
 */
export class MobileNetV2InvertedResidual extends BaseModule {
  readonly useResConnect: boolean;
  readonly conv: Sequential;
  readonly withCp: boolean;

  constructor(options: MobileNetV2BlockOptions) {
    super();
    if (options.stride !== 1 && options.stride !== 2) throw new RangeError(`MobileNetV2 InvertedResidual: stride must be 1 or 2, got ${options.stride}`);
    this.useResConnect = options.stride === 1 && options.in_channels === options.out_channels;
    this.withCp = options.with_cp ?? false;
    const hidden = Math.round(options.in_channels * options.expand_ratio);
    const common = { conv_cfg: options.conv_cfg ?? null, norm_cfg: options.norm_cfg ?? { type: 'BN' } };
    const act = options.act_cfg ?? { type: 'ReLU6' };
    const layers: ConvModule[] = [];
    if (options.expand_ratio !== 1) layers.push(new ConvModule(options.in_channels, hidden, 1, { ...common, act_cfg: act }));
    layers.push(new ConvModule(hidden, hidden, 3, { ...common, stride: options.stride, padding: 1, groups: hidden, act_cfg: act }));
    layers.push(new ConvModule(hidden, options.out_channels, 1, { ...common, act_cfg: null }));
    this.conv = this.registerModule('conv', new Sequential(...layers));
  }

  forward(x: Tensor): Tensor {
    // As MMPretrain: checkpointed only when the input takes part in a recorded graph.
    if (this.withCp && x.requiresGrad && isGradEnabled()) return checkpoint((input) => this.innerForward(input), [x]);
    return this.innerForward(x);
  }

  private innerForward(x: Tensor): Tensor {
    if (!this.useResConnect) return this.conv.forward(x);
    return tidy(() => add(x, this.conv.forward(x)));
  }
}
