import { type Tensor, checkpoint, isGradEnabled, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { ConvModule } from '../../builders/conv-module';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import { InvertedResidual } from '../../layers/inverted-residual';
import { evalNorms, freezeModules } from '../../utils/freeze';

/** The MobileNetV3 archs of MMPretrain. */
export type MobileNetV3Arch = 'small' | 'small_075' | 'small_050' | 'large';

/** The options of {@link MobileNetV3}, as MMPretrain's. */
export interface MobileNetV3Options {
  arch?: MobileNetV3Arch;
  conv_cfg?: LayerConfig | null;
  /** Default `{ type: 'BN', eps: 0.001, momentum: 0.01 }`. */
  norm_cfg?: LayerConfig;
  /** Indices into layer0..layerN; default the last layer (12 for small, 16 for large). */
  out_indices?: number[];
  frozen_stages?: number;
  norm_eval?: boolean;
  /**
   * Gradient checkpointing of every inverted residual block (when its input requires grad): the
   * block keeps no activations and is recomputed in backward. Default false.
   */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

type BlockSetting = [kernel: number, mid: number, out: number, withSe: boolean, act: 'ReLU' | 'HSwish', stride: number];

/** kernel, mid channels, out channels, SE, activation, stride of each block (MMPretrain's `arch_settings`). */
export const MOBILENET_V3_ARCH_SETTINGS: Record<MobileNetV3Arch, BlockSetting[]> = {
  small: [
    [3, 16, 16, true, 'ReLU', 2], [3, 72, 24, false, 'ReLU', 2], [3, 88, 24, false, 'ReLU', 1],
    [5, 96, 40, true, 'HSwish', 2], [5, 240, 40, true, 'HSwish', 1], [5, 240, 40, true, 'HSwish', 1],
    [5, 120, 48, true, 'HSwish', 1], [5, 144, 48, true, 'HSwish', 1], [5, 288, 96, true, 'HSwish', 2],
    [5, 576, 96, true, 'HSwish', 1], [5, 576, 96, true, 'HSwish', 1],
  ],
  small_075: [
    [3, 16, 16, true, 'ReLU', 2], [3, 72, 24, false, 'ReLU', 2], [3, 88, 24, false, 'ReLU', 1],
    [5, 96, 32, true, 'HSwish', 2], [5, 192, 32, true, 'HSwish', 1], [5, 192, 32, true, 'HSwish', 1],
    [5, 96, 40, true, 'HSwish', 1], [5, 120, 40, true, 'HSwish', 1], [5, 240, 72, true, 'HSwish', 2],
    [5, 432, 72, true, 'HSwish', 1], [5, 432, 72, true, 'HSwish', 1],
  ],
  small_050: [
    [3, 16, 8, true, 'ReLU', 2], [3, 40, 16, false, 'ReLU', 2], [3, 56, 16, false, 'ReLU', 1],
    [5, 64, 24, true, 'HSwish', 2], [5, 144, 24, true, 'HSwish', 1], [5, 144, 24, true, 'HSwish', 1],
    [5, 72, 24, true, 'HSwish', 1], [5, 72, 24, true, 'HSwish', 1], [5, 144, 48, true, 'HSwish', 2],
    [5, 288, 48, true, 'HSwish', 1], [5, 288, 48, true, 'HSwish', 1],
  ],
  large: [
    [3, 16, 16, false, 'ReLU', 1], [3, 64, 24, false, 'ReLU', 2], [3, 72, 24, false, 'ReLU', 1],
    [5, 72, 40, true, 'ReLU', 2], [5, 120, 40, true, 'ReLU', 1], [5, 120, 40, true, 'ReLU', 1],
    [3, 240, 80, false, 'HSwish', 2], [3, 200, 80, false, 'HSwish', 1], [3, 184, 80, false, 'HSwish', 1],
    [3, 184, 80, false, 'HSwish', 1], [3, 480, 112, true, 'HSwish', 1], [3, 672, 112, true, 'HSwish', 1],
    [5, 672, 160, true, 'HSwish', 2], [5, 960, 160, true, 'HSwish', 1], [5, 960, 160, true, 'HSwish', 1],
  ],
};

/**
 * MobileNetV3 (https://arxiv.org/abs/1905.02244), as MMPretrain's `MobileNetV3`: a stem `layer0`,
 * one inverted residual block per `layer1`..`layerN` (with SE layers using a hard sigmoid), and a
 * last 1x1 ConvModule; the archs small, small_075, small_050 and large.
 */
export class MobileNetV3 extends BaseModule<[Tensor], Tensor[]> {
  readonly arch: MobileNetV3Arch;
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly withCp: boolean;
  readonly layerNames: string[] = [];
  /** The channels of the last layer's output. */
  readonly featDim: number;

  constructor(options: MobileNetV3Options = {}) {
    super(
      options.init_cfg === undefined
        ? [
            { type: 'Kaiming', layer: ['Conv2d'], nonlinearity: 'leaky_relu' },
            { type: 'Normal', layer: ['Linear'], std: 0.01 },
            { type: 'Constant', layer: ['BatchNorm2d'], val: 1 },
          ]
        : options.init_cfg,
    );
    this.arch = options.arch ?? 'small';
    const settings = MOBILENET_V3_ARCH_SETTINGS[this.arch];
    if (!settings) throw new RangeError(`MobileNetV3: unknown arch "${String(this.arch)}"; choose one of ${Object.keys(MOBILENET_V3_ARCH_SETTINGS).join(', ')}`);
    const layerCount = settings.length + 2;
    this.outIndices = options.out_indices ?? [this.arch.startsWith('small') ? 12 : 16];
    for (const index of this.outIndices) {
      if (!Number.isInteger(index) || index < 0 || index >= layerCount) throw new RangeError(`MobileNetV3: the items of out_indices must be in 0..${layerCount - 1}, got ${index}`);
    }
    this.frozenStages = options.frozen_stages ?? -1;
    if (this.frozenStages < -1 || this.frozenStages >= layerCount) throw new RangeError(`MobileNetV3: frozen_stages must be in -1..${layerCount - 1}, got ${this.frozenStages}`);
    this.normEval = options.norm_eval ?? false;
    this.withCp = options.with_cp ?? false;
    const common = { conv_cfg: options.conv_cfg ?? null, norm_cfg: options.norm_cfg ?? { type: 'BN', eps: 0.001, momentum: 0.01 } };
    let channels = 16;
    this.addLayer('layer0', new ConvModule(3, channels, 3, { ...common, stride: 2, padding: 1, act_cfg: { type: 'HSwish' } }));
    let mid = channels;
    for (const [index, [kernel, midChannels, outChannels, withSe, act, stride]] of settings.entries()) {
      mid = midChannels;
      const seConfig = withSe ? { ratio: 4, act_cfg: [{ type: 'ReLU' }, { type: 'HSigmoid' }] as [LayerConfig, LayerConfig] } : null;
      this.addLayer(
        `layer${index + 1}`,
        new InvertedResidual({ ...common, in_channels: channels, out_channels: outChannels, mid_channels: mid, kernel_size: kernel, stride, se_cfg: seConfig, act_cfg: { type: act } }),
      );
      channels = outChannels;
    }
    this.addLayer(`layer${settings.length + 1}`, new ConvModule(channels, mid, 1, { ...common, act_cfg: { type: 'HSwish' } }));
    this.featDim = mid;
    this.freezeStages();
  }

  private addLayer(name: string, layer: BaseModule): void {
    this.registerModule(name, layer);
    this.layerNames.push(name);
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let current = x;
      const outs: Tensor[] = [];
      for (const [index, name] of this.layerNames.entries()) {
        const layer = this.getSubmodule(name);
        // MMPretrain's InvertedResidual with_cp: the whole block is recomputed in backward.
        const checkpointed = this.withCp && layer instanceof InvertedResidual && current.requiresGrad && isGradEnabled();
        current = checkpointed ? checkpoint((input) => layer.forward(input) as Tensor, [current]) : (layer.forward(current) as Tensor);
        if (this.outIndices.includes(index)) outs.push(current);
      }
      return outs;
    });
  }

  private freezeStages(): void {
    freezeModules(Array.from({ length: this.frozenStages + 1 }, (_, index) => this.getSubmodule(`layer${index}`)));
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}
