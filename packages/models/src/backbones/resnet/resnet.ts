import { type AnyModule, BatchNorm1d, BatchNorm2d, MaxPool2d, ReLU, Sequential, type Tensor, init, noGrad } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import { ConvModule } from '../../builders/conv-module';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import type { PretrainedLoader } from '../../init/initialize';
import { chain } from '../../utils/chain';
import { BasicBlock } from './basic-block';
import { Bottleneck } from './bottleneck';
import type { BlockOptions } from './block-options';
import { type BlockClass, makeResLayer } from './res-layer';

/** The options of {@link ResNet}, as MMPretrain's (snake_case, with its defaults). */
export interface ResNetOptions {
  depth: 18 | 34 | 50 | 101 | 152;
  in_channels?: number;
  stem_channels?: number;
  base_channels?: number;
  expansion?: number;
  num_stages?: number;
  strides?: number[];
  dilations?: number[];
  out_indices?: number[];
  style?: 'pytorch' | 'caffe';
  deep_stem?: boolean;
  avg_down?: boolean;
  frozen_stages?: number;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  norm_eval?: boolean;
  zero_init_residual?: boolean;
  drop_path_rate?: number;
  /** Gradient checkpointing of every residual block (when its input requires grad). Default false. */
  with_cp?: boolean;
  init_cfg?: InitConfigInput;
}

/** MMPretrain's ResNet `arch_settings`: the block and the blocks of each stage, by depth. */
export const RESNET_ARCH_SETTINGS: Record<number, [BlockClass & { defaultExpansion: number }, number[]]> = {
  18: [BasicBlock, [2, 2, 2, 2]],
  34: [BasicBlock, [3, 4, 6, 3]],
  50: [Bottleneck, [3, 4, 6, 3]],
  101: [Bottleneck, [3, 4, 23, 3]],
  152: [Bottleneck, [3, 8, 36, 3]],
};

/**
 * ResNet, as MMPretrain's `ResNet` (https://arxiv.org/abs/1512.03385): the same options,
 * defaults, stages and state-dict names (`conv1`, `bn1`, `layer1.0.conv1.weight`, ...), so weights
 * move both ways. `forward` returns the feature maps of the stages in `out_indices`.
 *
 * @example
 * const backbone = new ResNet({ depth: 50, out_indices: [0, 1, 2, 3] });
 */
export class ResNet extends BaseModule<[Tensor], Tensor[]> {
  readonly depth: number;
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly zeroInitResidual: boolean;
  readonly deepStem: boolean;
  readonly layerNames: string[] = [];
  /** Channels of the last stage's output. */
  readonly featDim: number;
  protected stem: AnyModule | null = null;
  protected conv1: AnyModule | null = null;
  protected norm1: AnyModule | null = null;
  protected relu: AnyModule | null = null;
  protected maxpool: AnyModule | null = null;

  constructor(options: ResNetOptions) {
    super(options.init_cfg === undefined ? [{ type: 'Kaiming', layer: ['Conv2d'] }, { type: 'Constant', val: 1, layer: ['_BatchNorm', 'GroupNorm'] }] : options.init_cfg);
    const arch = this.archSettings()[options.depth];
    if (!arch) throw new RangeError(`${this.constructor.name}: invalid depth ${options.depth}; choose one of ${Object.keys(this.archSettings()).join(', ')}`);
    const [block, allStageBlocks] = arch;
    const numStages = options.num_stages ?? 4;
    if (numStages < 1 || numStages > 4) throw new RangeError(`ResNet: num_stages must be 1 to 4, got ${numStages}`);
    const strides = options.strides ?? [1, 2, 2, 2];
    const dilations = options.dilations ?? [1, 1, 1, 1];
    if (strides.length !== numStages || dilations.length !== numStages) {
      throw new RangeError(`ResNet: strides (${strides.length}) and dilations (${dilations.length}) must have num_stages (${numStages}) entries`);
    }
    this.depth = options.depth;
    this.outIndices = (options.out_indices ?? [3]).map((index) => {
      const normalized = index < 0 ? index + numStages : index;
      if (normalized < 0 || normalized >= numStages) throw new RangeError(`ResNet: invalid out_indices entry ${index} for ${numStages} stages`);
      return normalized;
    });
    this.frozenStages = options.frozen_stages ?? -1;
    this.normEval = options.norm_eval ?? false;
    this.zeroInitResidual = options.zero_init_residual ?? true;
    this.deepStem = options.deep_stem ?? false;
    const normConfig = options.norm_cfg ?? { type: 'BN', requires_grad: true };
    const stemChannels = options.stem_channels ?? 64;
    const baseChannels = options.base_channels ?? 64;
    const expansion = options.expansion ?? block.defaultExpansion;
    this.makeStemLayer(options.in_channels ?? 3, stemChannels, options.conv_cfg ?? null, normConfig);
    let inChannels = stemChannels;
    let outChannels = baseChannels * expansion;
    const stageBlocks = allStageBlocks.slice(0, numStages);
    const totalBlocks = stageBlocks.reduce((total, count) => total + count, 0);
    const dropPathRate = options.drop_path_rate ?? 0;
    // Stochastic depth grows linearly over the blocks, as MMPretrain's torch.linspace(0, rate, total).
    const rates = Array.from({ length: totalBlocks }, (_, index) => (totalBlocks === 1 ? 0 : (dropPathRate * index) / (totalBlocks - 1)));
    const extraOptions = this.blockOptions(options);
    for (let stage = 0; stage < numStages; stage++) {
      const layer = makeResLayer({
        ...extraOptions,
        block: this.blockClass(block),
        num_blocks: allStageBlocks[stage] as number,
        in_channels: inChannels,
        out_channels: outChannels,
        expansion,
        stride: strides[stage] as number,
        dilation: dilations[stage] as number,
        style: options.style ?? 'pytorch',
        avg_down: options.avg_down ?? false,
        conv_cfg: options.conv_cfg ?? null,
        norm_cfg: normConfig,
        drop_path_rate: rates.splice(0, stageBlocks[stage] as number),
        with_cp: options.with_cp ?? false,
      });
      const name = `layer${stage + 1}`;
      this.registerModule(name, layer);
      this.layerNames.push(name);
      inChannels = outChannels;
      outChannels *= 2;
    }
    this.featDim = inChannels;
    this.freezeStages();
  }

  /** The depths this backbone accepts (ResNeXt and SEResNet have no 18 and 34). */
  protected archSettings(): Record<number, [BlockClass & { defaultExpansion: number }, number[]]> {
    return RESNET_ARCH_SETTINGS;
  }

  /** The block class used by the stages; SEResNet overrides it. */
  protected blockClass(block: BlockClass): BlockClass {
    return block;
  }

  /** Options added to every block (ResNeXt's groups, SEResNet's se_ratio). Called by the constructor. */
  protected blockOptions(_options: ResNetOptions): Partial<BlockOptions> {
    return {};
  }

  /** Builds the stem: a 7x7 conv (or three 3x3 ConvModules with `deep_stem`) and a max pool. */
  protected makeStemLayer(inChannels: number, stemChannels: number, convConfig: LayerConfig | null, normConfig: LayerConfig): void {
    if (this.deepStem) {
      const half = stemChannels / 2;
      const common = { conv_cfg: convConfig, norm_cfg: normConfig };
      this.stem = this.registerModule(
        'stem',
        new Sequential(
          new ConvModule(inChannels, half, 3, { stride: 2, padding: 1, ...common }),
          new ConvModule(half, half, 3, { stride: 1, padding: 1, ...common }),
          new ConvModule(half, stemChannels, 3, { stride: 1, padding: 1, ...common }),
        ),
      );
    } else {
      this.conv1 = this.registerModule('conv1', buildConvLayer(convConfig, inChannels, stemChannels, 7, { stride: 2, padding: 3, bias: false }));
      const [name, norm] = buildNormLayer(normConfig, stemChannels, 1);
      this.norm1 = this.registerModule(name, norm);
      this.relu = this.registerModule('relu', new ReLU());
    }
    this.maxpool = this.registerModule('maxpool', new MaxPool2d(3, { stride: 2, padding: 1 }));
  }

  /** The stage `layer{index + 1}`. */
  stage(index: number): AnyModule {
    return this.getSubmodule(this.layerNames[index] as string);
  }

  /** The stem: everything before the first stage. */
  protected forwardStem(x: Tensor): Tensor {
    return this.deepStem ? chain(x, this.stem, this.maxpool) : chain(x, this.conv1, this.norm1, this.relu, this.maxpool);
  }

  forward(x: Tensor): Tensor[] {
    let current = this.forwardStem(x);
    const outs: Tensor[] = [];
    for (const [index, name] of this.layerNames.entries()) {
      const next = this.getSubmodule(name).forward(current) as Tensor;
      if (current !== x && !outs.includes(current)) current.dispose();
      current = next;
      if (this.outIndices.includes(index)) outs.push(current);
    }
    if (!outs.includes(current) && current !== x) current.dispose();
    return outs;
  }

  /** Puts frozen stages in eval mode and stops their gradients. */
  protected freezeStages(): void {
    if (this.frozenStages < 0) return;
    const frozen: AnyModule[] = this.deepStem ? [this.stem as AnyModule] : [this.conv1 as AnyModule, this.norm1 as AnyModule];
    for (let stage = 1; stage <= this.frozenStages; stage++) frozen.push(this.getSubmodule(`layer${stage}`));
    for (const module of frozen) {
      module.eval();
      for (const parameter of module.parameters()) parameter.requiresGrad = false;
    }
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    if (mode && this.normEval) {
      for (const [, module] of this.namedModules()) if (module instanceof BatchNorm2d || module instanceof BatchNorm1d) module.eval();
    }
    return this;
  }

  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    const config = this.initCfg;
    if (config && !Array.isArray(config) && config.type === 'Pretrained') return;
    if (!this.zeroInitResidual) return;
    noGrad(() => {
      for (const [, module] of this.namedModules()) {
        const lastNorm = module instanceof Bottleneck ? module.norm3 : module instanceof BasicBlock ? module.norm2 : null;
        if (!lastNorm) continue;
        for (const [, parameter] of lastNorm.namedParameters()) init.constant(parameter, 0);
      }
    });
  }
}
