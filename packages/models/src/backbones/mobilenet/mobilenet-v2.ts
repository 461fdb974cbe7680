import { type AnyModule, Sequential, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { ConvModule } from '../../builders/conv-module';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import { evalNorms, freezeModules } from '../../utils/freeze';
import { makeDivisible } from '../../utils/make-divisible';
import { MobileNetV2InvertedResidual } from './mobilenet-v2-block';

/** The options of {@link MobileNetV2}, as MMPretrain's. */
export interface MobileNetV2Options {
  /** Multiplies the channels of every layer (the last conv widens only above 1). */
  widen_factor?: number;
  /** Indices into layer1..layer7 and conv2 (0..7); default [7]. */
  out_indices?: number[];
  frozen_stages?: number;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  norm_eval?: boolean;
  /** Gradient checkpointing of every inverted residual block (when its input requires grad). Default false. */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

/** expand_ratio, channels, blocks, stride of each stage, as MMPretrain's `arch_settings`. */
const ARCH_SETTINGS: ReadonlyArray<[number, number, number, number]> = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/**
 * MobileNetV2 (https://arxiv.org/abs/1801.04381), as MMPretrain's `MobileNetV2`: a stem `conv1`,
 * seven stages `layer1`..`layer7` of inverted residual blocks and a 1x1 `conv2` to 1280 channels.
 *
 * @example
 * const backbone = new MobileNetV2({ widen_factor: 1.0 }); // 3.5M parameters with a 1000-class head
 */
export class MobileNetV2 extends BaseModule<[Tensor], Tensor[]> {
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly layerNames: string[] = [];
  readonly conv1: ConvModule;
  /** The channels of the last layer's output. */
  readonly outChannels: number;

  constructor(options: MobileNetV2Options = {}) {
    super(options.init_cfg === undefined ? [{ type: 'Kaiming', layer: ['Conv2d'] }, { type: 'Constant', val: 1, layer: ['_BatchNorm', 'GroupNorm'] }] : options.init_cfg);
    const widen = options.widen_factor ?? 1;
    this.outIndices = options.out_indices ?? [7];
    for (const index of this.outIndices) {
      if (!Number.isInteger(index) || index < 0 || index > 7) throw new RangeError(`MobileNetV2: the items of out_indices must be in 0..7, got ${index}`);
    }
    this.frozenStages = options.frozen_stages ?? -1;
    if (this.frozenStages < -1 || this.frozenStages > 7) throw new RangeError(`MobileNetV2: frozen_stages must be in -1..7, got ${this.frozenStages}`);
    this.normEval = options.norm_eval ?? false;
    const common = { conv_cfg: options.conv_cfg ?? null, norm_cfg: options.norm_cfg ?? { type: 'BN' }, act_cfg: options.act_cfg ?? { type: 'ReLU6' } };
    let channels = makeDivisible(32 * widen, 8);
    this.conv1 = this.registerModule('conv1', new ConvModule(3, channels, 3, { ...common, stride: 2, padding: 1 }));
    for (const [index, [expandRatio, width, blocks, stride]] of ARCH_SETTINGS.entries()) {
      const outChannels = makeDivisible(width * widen, 8);
      const layer: AnyModule[] = [];
      for (let block = 0; block < blocks; block++) {
        layer.push(new MobileNetV2InvertedResidual({ ...common, in_channels: channels, out_channels: outChannels, stride: block === 0 ? stride : 1, expand_ratio: expandRatio, with_cp: options.with_cp ?? false }));
        channels = outChannels;
      }
      const name = `layer${index + 1}`;
      this.registerModule(name, new Sequential(...(layer as ConstructorParameters<typeof Sequential>)));
      this.layerNames.push(name);
    }
    this.outChannels = widen > 1 ? Math.trunc(1280 * widen) : 1280;
    this.registerModule('conv2', new ConvModule(channels, this.outChannels, 1, common));
    this.layerNames.push('conv2');
    this.freezeStages();
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let current = this.conv1.forward(x);
      const outs: Tensor[] = [];
      for (const [index, name] of this.layerNames.entries()) {
        current = this.getSubmodule(name).forward(current) as Tensor;
        if (this.outIndices.includes(index)) outs.push(current);
      }
      return outs;
    });
  }

  private freezeStages(): void {
    if (this.frozenStages >= 0) freezeModules([this.conv1]);
    freezeModules(Array.from({ length: Math.max(this.frozenStages, 0) }, (_, index) => this.getSubmodule(`layer${index + 1}`)));
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}
