import { type AnyModule, ModuleList, Sequential, type Tensor, checkpoint, isGradEnabled, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { ConvModule } from '../../builders/conv-module';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import { EdgeResidual } from '../../layers/edge-residual';
import { InvertedResidual } from '../../layers/inverted-residual';
import type { SELayerOptions } from '../../layers/se-layer';
import { evalNorms, freezeModules } from '../../utils/freeze';
import { makeDivisible } from '../../utils/make-divisible';
import { EFFICIENTNET_ARCHS, EFFICIENTNET_LAYER_SETTINGS, scaleLayerSettings } from './efficientnet-settings';

/** The options of {@link EfficientNet}, as MMPretrain's. */
export interface EfficientNetOptions {
  /** b0..b8, l2, es, em, el (default b0), or `[widen, deepen]` factors of the 'b' layers. */
  arch?: string | [number, number];
  drop_path_rate?: number;
  /** Indices into `layers` (default [6], the last conv). */
  out_indices?: number[];
  /** Layers frozen from the first (default 0). */
  frozen_stages?: number;
  /** Default `{ type: 'Conv2dAdaptivePadding' }` (TensorFlow "same" padding). */
  conv_cfg?: LayerConfig | null;
  /** Default `{ type: 'BN', eps: 1e-3 }`. */
  norm_cfg?: LayerConfig;
  /** Default Swish. */
  act_cfg?: LayerConfig;
  norm_eval?: boolean;
  /**
   * Gradient checkpointing of every inverted / edge residual block (when its input requires grad):
   * the block keeps no activations and is recomputed in backward. Default false.
   */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

/**
 * EfficientNet (https://arxiv.org/abs/1905.11946), as MMPretrain's `EfficientNet`: `layers` holds
 * the stem ConvModule, the scaled stages of inverted residual blocks with SE (or edge residual
 * blocks for the EdgeTPU archs), and the last 1x1 ConvModule.
 *
 * @example
 * const backbone = new EfficientNet({ arch: 'b0' });
 */
export class EfficientNet extends BaseModule<[Tensor], Tensor[]> {
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly withCp: boolean;
  readonly layers: ModuleList;
  /** The channels of the last layer. */
  readonly outChannels: number;

  constructor(options: EfficientNetOptions = {}) {
    super(options.init_cfg === undefined ? [{ type: 'Kaiming', layer: 'Conv2d' }, { type: 'Constant', layer: ['_BatchNorm', 'GroupNorm'], val: 1 }] : options.init_cfg);
    const arch = options.arch ?? 'b0';
    let widen: number;
    let deepen: number;
    let family: 'b' | 'e';
    if (typeof arch === 'string') {
      const setting = EFFICIENTNET_ARCHS[arch];
      if (!setting) throw new RangeError(`EfficientNet: "${arch}" is not one of the arch_settings (${Object.keys(EFFICIENTNET_ARCHS).join(', ')})`);
      [widen, deepen] = setting;
      family = arch === 'l2' ? 'b' : (arch.slice(0, 1) as 'b' | 'e');
    } else {
      [widen, deepen] = arch;
      family = 'b';
    }
    const settings = scaleLayerSettings(EFFICIENTNET_LAYER_SETTINGS[family], widen, deepen);
    this.outIndices = options.out_indices ?? [6];
    for (const index of this.outIndices) {
      if (!Number.isInteger(index) || index < 0 || index >= settings.length) throw new RangeError(`EfficientNet: the items of out_indices must be in 0..${settings.length - 1}, got ${index}`);
    }
    this.frozenStages = options.frozen_stages ?? 0;
    if (this.frozenStages < 0 || this.frozenStages > settings.length) throw new RangeError(`EfficientNet: frozen_stages must be in 0..${settings.length}, got ${this.frozenStages}`);
    this.normEval = options.norm_eval ?? false;
    this.withCp = options.with_cp ?? false;
    const common = {
      conv_cfg: options.conv_cfg === undefined ? { type: 'Conv2dAdaptivePadding' } : options.conv_cfg,
      norm_cfg: options.norm_cfg ?? { type: 'BN', eps: 1e-3 },
      act_cfg: options.act_cfg ?? { type: 'Swish' },
    };
    const first = (settings[0] as NonNullable<(typeof settings)[number]>)[0] as NonNullable<(typeof settings)[number][number]>;
    const last = (settings[settings.length - 1] as NonNullable<(typeof settings)[number]>)[0] as NonNullable<(typeof settings)[number][number]>;
    let channels = makeDivisible(first[1], 8);
    const layers: AnyModule[] = [new ConvModule(3, channels, first[0], { ...common, stride: first[3], padding: Math.floor(first[0] / 2) })];
    const blockSettings = settings.slice(1, -1);
    const total = blockSettings.reduce((sum, layer) => sum + layer.length, 0);
    const rate = options.drop_path_rate ?? 0;
    let blockIndex = 0;
    for (const layer of blockSettings) {
      const blocks: AnyModule[] = [];
      for (const [position, [kernel, width, seRatio, stride, initialExpand, blockType]] of layer.entries()) {
        let expand = initialExpand;
        const outChannels = makeDivisible(width, 8);
        const seConfig = (mid: number): SELayerOptions | null =>
          seRatio <= 0 ? null : { channels: mid, ratio: expand * seRatio, divisor: 1, act_cfg: [common.act_cfg, { type: 'Sigmoid' }] };
        const dropPath = total === 1 ? 0 : (rate * blockIndex) / (total - 1);
        if (blockType === 1) {
          let withResidual = true;
          if (position > 0 && expand === 3) {
            withResidual = false;
            expand = 4;
          }
          const mid = Math.trunc(channels * expand);
          blocks.push(new EdgeResidual({ ...common, in_channels: channels, out_channels: outChannels, mid_channels: mid, kernel_size: kernel, stride, se_cfg: seConfig(mid), with_residual: withResidual, drop_path_rate: dropPath }));
        } else {
          const mid = Math.trunc(channels * expand);
          blocks.push(new InvertedResidual({ ...common, in_channels: channels, out_channels: outChannels, mid_channels: mid, kernel_size: kernel, stride, se_cfg: seConfig(mid), drop_path_rate: dropPath }));
        }
        channels = outChannels;
        blockIndex++;
      }
      layers.push(new Sequential(...(blocks as ConstructorParameters<typeof Sequential>)));
    }
    this.outChannels = last[1];
    layers.push(new ConvModule(channels, this.outChannels, last[0], { ...common, stride: last[3], padding: Math.floor(last[0] / 2) }));
    this.layers = this.registerModule('layers', new ModuleList(layers));
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let current = x;
      const outs: Tensor[] = [];
      for (const [index, layer] of this.layers.children().entries()) {
        current = this.withCp && layer instanceof Sequential ? this.forwardCheckpointed(layer, current) : (layer.forward(current) as Tensor);
        if (this.outIndices.includes(index)) outs.push(current);
      }
      return outs;
    });
  }

  /** A stage of blocks, each checkpointed as MMPretrain's blocks with `with_cp` (when the input requires grad). */
  private forwardCheckpointed(stage: Sequential, x: Tensor): Tensor {
    let current = x;
    for (const block of stage.children()) {
      current = current.requiresGrad && isGradEnabled() ? checkpoint((input) => block.forward(input) as Tensor, [current]) : (block.forward(current) as Tensor);
    }
    return current;
  }

  override train(mode = true): this {
    super.train(mode);
    freezeModules(this.layers.children().slice(0, this.frozenStages));
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}
