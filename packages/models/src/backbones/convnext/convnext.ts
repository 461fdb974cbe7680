import { type AnyModule, Conv2d, ModuleList, Sequential, type Tensor, flatten, mean, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import type { LayerNorm2d } from '../../layers/layer-norm-2d';
import { freezeModules } from '../../utils/freeze';
import { ConvNeXtBlock } from './convnext-block';

/** A ConvNeXt size: blocks and channels of each stage. */
export interface ConvNeXtArch {
  depths: number[];
  channels: number[];
}

/** MMPretrain's `ConvNeXt.arch_settings`. */
export const CONVNEXT_ARCHS: Readonly<Record<string, ConvNeXtArch>> = {
  atto: { depths: [2, 2, 6, 2], channels: [40, 80, 160, 320] },
  femto: { depths: [2, 2, 6, 2], channels: [48, 96, 192, 384] },
  pico: { depths: [2, 2, 6, 2], channels: [64, 128, 256, 512] },
  nano: { depths: [2, 2, 8, 2], channels: [80, 160, 320, 640] },
  tiny: { depths: [3, 3, 9, 3], channels: [96, 192, 384, 768] },
  small: { depths: [3, 3, 27, 3], channels: [96, 192, 384, 768] },
  base: { depths: [3, 3, 27, 3], channels: [128, 256, 512, 1024] },
  large: { depths: [3, 3, 27, 3], channels: [192, 384, 768, 1536] },
  xlarge: { depths: [3, 3, 27, 3], channels: [256, 512, 1024, 2048] },
  huge: { depths: [3, 3, 27, 3], channels: [352, 704, 1408, 2816] },
};

/** The options of {@link ConvNeXt}, as MMPretrain's. */
export interface ConvNeXtOptions {
  /** An arch name (atto ... huge; default tiny) or `{ depths, channels }`. */
  arch?: string | ConvNeXtArch;
  in_channels?: number;
  stem_patch_size?: number;
  /** Default `{ type: 'LN2d', eps: 1e-6 }`. */
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  /** Pointwise convolutions as Linear layers (default true) or as 1x1 Conv2d layers. */
  linear_pw_conv?: boolean;
  /** Global Response Normalization in the blocks (ConvNeXt V2; default false). */
  use_grn?: boolean;
  drop_path_rate?: number;
  /** The initial layer scale of the blocks (0: none, as ConvNeXt V2). Default 1e-6. */
  layer_scale_init_value?: number;
  /** Stages whose (normalised) output is returned; default -1. */
  out_indices?: number | number[];
  /** Stages frozen (from the first); default 0. */
  frozen_stages?: number;
  /** Average the feature map before the output norm (the classification form; default true). */
  gap_before_final_norm?: boolean;
  /** Gradient checkpointing of every block (when the input requires grad). Default false. */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

/**
 * ConvNeXt (https://arxiv.org/abs/2201.03545), as MMPretrain's `ConvNeXt`: `downsample_layers`
 * (a patchify stem, then LayerNorm + 2x2 strided convs), `stages` of ConvNeXtBlocks and a norm
 * `norm{i}` per output stage. With `gap_before_final_norm` each output is the normalised
 * global average `[N, C]` (the classifier needs no neck). ConvNeXt V2
 * (https://arxiv.org/abs/2301.00808) is `use_grn: true, layer_scale_init_value: 0`.
 *
 * @example
 * const backbone = new ConvNeXt({ arch: 'tiny', drop_path_rate: 0.1 });
 * const v2 = new ConvNeXt({ arch: 'atto', use_grn: true, layer_scale_init_value: 0 });
 */
export class ConvNeXt extends BaseModule<[Tensor], Tensor[]> {
  readonly depths: number[];
  readonly channels: number[];
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly gapBeforeFinalNorm: boolean;
  readonly downsampleLayers: ModuleList;
  readonly stages: ModuleList;

  constructor(options: ConvNeXtOptions = {}) {
    super(
      options.init_cfg === undefined
        ? [
            { type: 'TruncNormal', layer: ['Conv2d', 'Linear'], std: 0.02, bias: 0 },
            { type: 'Constant', layer: ['LayerNorm'], val: 1, bias: 0 },
          ]
        : options.init_cfg,
    );
    const arch = typeof options.arch === 'object' ? options.arch : CONVNEXT_ARCHS[options.arch ?? 'tiny'];
    if (!arch) throw new RangeError(`ConvNeXt: unknown arch "${String(options.arch)}"; choose one of ${Object.keys(CONVNEXT_ARCHS).join(', ')} or give { depths, channels }`);
    if (!Array.isArray(arch.depths) || !Array.isArray(arch.channels) || arch.depths.length !== arch.channels.length) {
      throw new RangeError(`ConvNeXt: "depths" and "channels" must be lists of the same length, got ${JSON.stringify(arch)}`);
    }
    this.depths = arch.depths;
    this.channels = arch.channels;
    const stages = this.depths.length;
    const indices = typeof options.out_indices === 'number' ? [options.out_indices] : (options.out_indices ?? [-1]);
    // As MMPretrain, negative indices count from 4.
    this.outIndices = indices.map((index) => {
      const normalized = index < 0 ? 4 + index : index;
      if (normalized < 0 || normalized >= stages) throw new RangeError(`ConvNeXt: invalid out_indices entry ${index} for ${stages} stages`);
      return normalized;
    });
    this.frozenStages = options.frozen_stages ?? 0;
    this.gapBeforeFinalNorm = options.gap_before_final_norm ?? true;
    const normConfig = options.norm_cfg ?? { type: 'LN2d', eps: 1e-6 };
    const patch = options.stem_patch_size ?? 4;
    const first = this.channels[0] as number;
    this.downsampleLayers = this.registerModule(
      'downsample_layers',
      new ModuleList([new Sequential(new Conv2d(options.in_channels ?? 3, first, patch, { stride: patch }), buildNormLayer(normConfig, first)[1] as LayerNorm2d)]),
    );
    this.stages = this.registerModule('stages', new ModuleList());
    const total = this.depths.reduce((sum, depth) => sum + depth, 0);
    const rate = options.drop_path_rate ?? 0;
    let block = 0;
    for (let index = 0; index < stages; index++) {
      const channels = this.channels[index] as number;
      if (index >= 1) {
        const previous = this.channels[index - 1] as number;
        this.downsampleLayers.append(new Sequential(buildNormLayer(normConfig, previous)[1] as LayerNorm2d, new Conv2d(previous, channels, 2, { stride: 2 })));
      }
      const blocks: ConvNeXtBlock[] = [];
      for (let position = 0; position < (this.depths[index] as number); position++) {
        blocks.push(
          new ConvNeXtBlock({
            in_channels: channels,
            drop_path_rate: total === 1 ? 0 : (rate * block) / (total - 1),
            norm_cfg: normConfig,
            act_cfg: options.act_cfg ?? { type: 'GELU' },
            linear_pw_conv: options.linear_pw_conv ?? true,
            layer_scale_init_value: options.layer_scale_init_value ?? 1e-6,
            use_grn: options.use_grn ?? false,
            with_cp: options.with_cp ?? false,
          }),
        );
        block++;
      }
      this.stages.append(new Sequential(...blocks));
      if (this.outIndices.includes(index)) this.registerModule(`norm${index}`, buildNormLayer(normConfig, channels)[1]);
    }
    this.freezeStages();
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      const downsamples = this.downsampleLayers.children();
      const outs: Tensor[] = [];
      let current = x;
      for (const [index, stage] of this.stages.children().entries()) {
        current = stage.forward((downsamples[index] as AnyModule).forward(current)) as Tensor;
        if (!this.outIndices.includes(index)) continue;
        const norm = this.getSubmodule(`norm${index}`);
        outs.push(this.gapBeforeFinalNorm ? flatten(norm.forward(mean(current, [2, 3], true)) as Tensor, 1) : (norm.forward(current) as Tensor));
      }
      return outs;
    });
  }

  private freezeStages(): void {
    const downsamples = this.downsampleLayers.children();
    const stages = this.stages.children();
    const frozen: AnyModule[] = [];
    for (let index = 0; index < this.frozenStages; index++) frozen.push(downsamples[index] as AnyModule, stages[index] as AnyModule);
    freezeModules(frozen);
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    return this;
  }
}
