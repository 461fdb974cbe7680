import { type AnyModule, BatchNorm, ReLU, type Tensor, init, noGrad, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import type { PretrainedLoader } from '../../init/initialize';
import { evalNorms, freezeModules } from '../../utils/freeze';
import { roundHalfEven } from '../../utils/round-half-even';
import { Bottleneck } from './bottleneck';
import { REGNET_ARCHS, type RegNetArch, regnetStages } from './regnet-widths';
import { makeResLayer } from './res-layer';

/** The options of {@link RegNet}, as MMPretrain's. */
export interface RegNetOptions {
  /** A RegNetX name (`regnetx_400mf` ... `regnetx_12gf`) or a design dict. */
  arch: string | RegNetArch;
  in_channels?: number;
  /** Default 32. */
  stem_channels?: number;
  /** Default 32 (kept for MMPretrain compatibility; the stage widths come from `arch`). */
  base_channels?: number;
  strides?: number[];
  dilations?: number[];
  out_indices?: number[];
  style?: 'pytorch' | 'caffe';
  avg_down?: boolean;
  frozen_stages?: number;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  norm_eval?: boolean;
  zero_init_residual?: boolean;
  /** Gradient checkpointing of every bottleneck (when its input requires grad). Default false. */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

/**
 * RegNet (https://arxiv.org/abs/2003.13678), as MMPretrain's `RegNet`: a 3x3 stride-2 stem
 * (`conv1`, `bn1`), then `layer1`..`layerN` of grouped bottlenecks (expansion 1) whose widths
 * and groups come from the design `arch`.
 *
 * @example
 * const backbone = new RegNet({ arch: 'regnetx_400mf' }); // 5.16M parameters with a 1000-class head
 */
export class RegNet extends BaseModule<[Tensor], Tensor[]> {
  readonly stageWidths: number[];
  readonly stageBlocks: number[];
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly zeroInitResidual: boolean;
  readonly layerNames: string[] = [];
  readonly conv1: AnyModule;
  readonly norm1: AnyModule;
  readonly relu: ReLU;
  /** The channels of the last stage. */
  readonly featDim: number;

  constructor(options: RegNetOptions) {
    super(options.init_cfg);
    const arch = typeof options.arch === 'string' ? REGNET_ARCHS[options.arch] : options.arch;
    if (!arch) throw new RangeError(`RegNet: "arch": "${String(options.arch)}" is not one of ${Object.keys(REGNET_ARCHS).join(', ')}`);
    const { widths, blocks, groupWidths } = regnetStages(arch);
    const stages = widths.length;
    if (stages < 1 || stages > 4) throw new RangeError(`RegNet: the design gives ${stages} stages; 1 to 4 are supported`);
    const strides = options.strides ?? [2, 2, 2, 2];
    const dilations = options.dilations ?? [1, 1, 1, 1];
    if (strides.length !== stages || dilations.length !== stages) throw new RangeError(`RegNet: strides and dilations need ${stages} entries (one per stage)`);
    this.stageWidths = widths;
    this.stageBlocks = blocks;
    this.outIndices = options.out_indices ?? [3];
    if (Math.max(...this.outIndices) >= stages) throw new RangeError(`RegNet: out_indices ${JSON.stringify(this.outIndices)} exceed the ${stages} stages`);
    this.frozenStages = options.frozen_stages ?? -1;
    this.normEval = options.norm_eval ?? false;
    this.zeroInitResidual = options.zero_init_residual ?? true;
    const normConfig = options.norm_cfg ?? { type: 'BN', requires_grad: true };
    const convConfig = options.conv_cfg ?? null;
    const stem = options.stem_channels ?? 32;
    this.conv1 = this.registerModule('conv1', buildConvLayer(convConfig, options.in_channels ?? 3, stem, 3, { stride: 2, padding: 1, bias: false }));
    const [normName, norm] = buildNormLayer(normConfig, stem, 1);
    this.norm1 = this.registerModule(normName, norm);
    this.relu = this.registerModule('relu', new ReLU());
    let inChannels = stem;
    for (let index = 0; index < stages; index++) {
      const width = widths[index] as number;
      const groupWidth = groupWidths[index] as number;
      const stageGroups = Math.floor(roundHalfEven(width * arch.bot_mul) / groupWidth);
      const name = `layer${index + 1}`;
      this.registerModule(
        name,
        makeResLayer({
          block: Bottleneck,
          num_blocks: blocks[index] as number,
          in_channels: inChannels,
          out_channels: width,
          expansion: 1,
          stride: strides[index] as number,
          dilation: dilations[index] as number,
          style: options.style ?? 'pytorch',
          avg_down: options.avg_down ?? false,
          conv_cfg: convConfig,
          norm_cfg: normConfig,
          base_channels: width,
          groups: stageGroups,
          width_per_group: groupWidth,
          with_cp: options.with_cp ?? false,
        }),
      );
      this.layerNames.push(name);
      inChannels = width;
    }
    this.featDim = widths[stages - 1] as number;
    this.freezeStages();
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let current = this.relu.forward(this.norm1.forward(this.conv1.forward(x)) as Tensor);
      const outs: Tensor[] = [];
      for (const [index, name] of this.layerNames.entries()) {
        current = this.getSubmodule(name).forward(current) as Tensor;
        if (this.outIndices.includes(index)) outs.push(current);
      }
      return outs;
    });
  }

  /** As ResNet: after init_cfg, the last norm of each bottleneck starts at zero (`zero_init_residual`). */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    const config = this.initCfg;
    if ((config && !Array.isArray(config) && config.type === 'Pretrained') || !this.zeroInitResidual) return;
    noGrad(() => {
      for (const module of this.modules()) {
        if (!(module instanceof Bottleneck) || !(module.norm3 instanceof BatchNorm)) continue;
        for (const parameter of module.norm3.parameters()) init.constant(parameter, 0);
      }
    });
  }

  private freezeStages(): void {
    if (this.frozenStages < 0) return;
    freezeModules([this.conv1, this.norm1, ...this.layerNames.slice(0, this.frozenStages).map((name) => this.getSubmodule(name))]);
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}

