import {
  type AnyModule,
  Dropout,
  type HostStateDict,
  type InterpolateMode,
  ModuleList,
  type Parameter,
  type Tensor,
  add,
  hostToTensor,
  init,
  noGrad,
  permute,
  reshape,
  tidy,
  zeros,
} from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { StateDictPreparer } from '../../checkpoint/state-dict-preparer';
import type { InitConfigInput } from '../../init/init-config';
import type { PretrainedLoader } from '../../init/initialize';
import { PatchEmbed, type PatchEmbedOptions } from '../../layers/patch-embed';
import { evalNorms, freezeModules } from '../../utils/freeze';
import { resizePosEmbed } from '../vision-transformer/resize-pos-embed';
import { resizeRelativePositionBiasTable } from './resize-relative-position-bias-table';
import { SwinBlockSequence, type SwinBlockSequenceOptions } from './swin-block-sequence';

/** A Swin Transformer size. */
export interface SwinArch {
  embed_dims: number;
  depths: number[];
  num_heads: number[];
}

const TINY: SwinArch = { embed_dims: 96, depths: [2, 2, 6, 2], num_heads: [3, 6, 12, 24] };
const SMALL: SwinArch = { embed_dims: 96, depths: [2, 2, 18, 2], num_heads: [3, 6, 12, 24] };
const BASE: SwinArch = { embed_dims: 128, depths: [2, 2, 18, 2], num_heads: [4, 8, 16, 32] };
const LARGE: SwinArch = { embed_dims: 192, depths: [2, 2, 18, 2], num_heads: [6, 12, 24, 48] };

/** MMPretrain's `SwinTransformer.arch_zoo`. */
export const SWIN_ARCHS: Readonly<Record<string, SwinArch>> = { t: TINY, tiny: TINY, s: SMALL, small: SMALL, b: BASE, base: BASE, l: LARGE, large: LARGE };

/** The options of {@link SwinTransformer}, as MMPretrain's. */
export interface SwinTransformerOptions {
  /** tiny, small, base, large (or t, s, b, l), or a custom `{ embed_dims, depths, num_heads }`. Default tiny. */
  arch?: string | SwinArch;
  img_size?: number | [number, number];
  patch_size?: number;
  in_channels?: number;
  window_size?: number;
  drop_rate?: number;
  /** Default 0.1, as MMPretrain. */
  drop_path_rate?: number;
  /** Default [3]. */
  out_indices?: number[];
  /** Output each stage after its patch merging. */
  out_after_downsample?: boolean;
  use_abs_pos_embed?: boolean;
  interpolate_mode?: InterpolateMode;
  /** Gradient checkpointing of every block (when its input requires grad). Default false. */
  with_cp?: boolean;
  frozen_stages?: number;
  norm_eval?: boolean;
  pad_small_map?: boolean;
  /** The norm of the outputs (default LN; null for none). */
  norm_cfg?: LayerConfig | null;
  stage_cfgs?: Partial<SwinBlockSequenceOptions>;
  patch_cfg?: Partial<PatchEmbedOptions>;
  init_cfg?: InitConfigInput;
}

/**
 * Swin Transformer (https://arxiv.org/abs/2103.14030), as MMPretrain's `SwinTransformer`: a
 * patch embedding with LayerNorm, `stages` of shifted-window blocks joined by patch merging, and
 * a norm `norm{i}` per output stage; outputs are NCHW maps. Loading a checkpoint trained at
 * another size resizes `absolute_pos_embed`, and one trained with another window size resizes
 * the `relative_position_bias_table`s, as MMPretrain's load hooks.
 *
 * @example
 * const backbone = new SwinTransformer({ arch: 'tiny', img_size: 224, drop_path_rate: 0.2 });
 */
export class SwinTransformer extends BaseModule<[Tensor], Tensor[]> implements StateDictPreparer {
  readonly embedDims: number;
  readonly depths: number[];
  readonly outIndices: number[];
  readonly outAfterDownsample: boolean;
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly interpolateMode: InterpolateMode;
  /** The channels of each stage's output. */
  readonly numFeatures: number[];
  readonly patchEmbed: PatchEmbed;
  readonly patchResolution: [number, number];
  readonly absolutePosEmbed: Parameter | null;
  readonly dropAfterPos: Dropout;
  readonly stages: ModuleList<SwinBlockSequence>;

  constructor(options: SwinTransformerOptions = {}) {
    super(options.init_cfg);
    const arch = typeof options.arch === 'object' ? options.arch : SWIN_ARCHS[(options.arch ?? 'tiny').toLowerCase()];
    if (!arch) throw new RangeError(`SwinTransformer: unknown arch "${String(options.arch)}"; choose one of ${Object.keys(SWIN_ARCHS).join(', ')} or give { embed_dims, depths, num_heads }`);
    if (arch.depths.length !== arch.num_heads.length) throw new RangeError(`SwinTransformer: depths and num_heads must have the same length, got ${JSON.stringify(arch)}`);
    this.embedDims = arch.embed_dims;
    this.depths = arch.depths;
    this.outIndices = options.out_indices ?? [3];
    for (const index of this.outIndices) {
      if (!Number.isInteger(index) || index < 0 || index >= this.depths.length) throw new RangeError(`SwinTransformer: invalid out_indices entry ${index} for ${this.depths.length} stages`);
    }
    this.outAfterDownsample = options.out_after_downsample ?? false;
    this.frozenStages = options.frozen_stages ?? -1;
    this.normEval = options.norm_eval ?? false;
    this.interpolateMode = options.interpolate_mode ?? 'bicubic';
    const patch = options.patch_size ?? 4;
    this.patchEmbed = this.registerModule(
      'patch_embed',
      new PatchEmbed({
        in_channels: options.in_channels ?? 3,
        input_size: options.img_size ?? 224,
        embed_dims: this.embedDims,
        kernel_size: patch,
        stride: patch,
        norm_cfg: { type: 'LN' },
        ...(options.patch_cfg ?? {}),
      }),
    );
    this.patchResolution = this.patchEmbed.initOutSize as [number, number];
    const patches = this.patchResolution[0] * this.patchResolution[1];
    this.absolutePosEmbed = options.use_abs_pos_embed ? this.registerParameter('absolute_pos_embed', zeros([1, patches, this.embedDims])) : null;
    this.dropAfterPos = this.registerModule('drop_after_pos', new Dropout(options.drop_rate ?? 0));
    const total = this.depths.reduce((sum, depth) => sum + depth, 0);
    const rate = options.drop_path_rate ?? 0.1;
    const rates = Array.from({ length: total }, (_, index) => (total === 1 ? 0 : (rate * index) / (total - 1)));
    const stages: SwinBlockSequence[] = [];
    const dims = [this.embedDims];
    for (const [index, depth] of this.depths.entries()) {
      const stage = new SwinBlockSequence({
        embed_dims: dims[dims.length - 1] as number,
        depth,
        num_heads: arch.num_heads[index] as number,
        window_size: options.window_size ?? 7,
        downsample: index < this.depths.length - 1,
        drop_paths: rates.splice(0, depth),
        with_cp: options.with_cp ?? false,
        pad_small_map: options.pad_small_map ?? false,
        ...(options.stage_cfgs ?? {}),
      });
      stages.push(stage);
      dims.push(stage.outChannels);
    }
    this.stages = this.registerModule('stages', new ModuleList(stages));
    this.numFeatures = this.outAfterDownsample ? dims.slice(1) : dims.slice(0, -1);
    const normConfig = options.norm_cfg === undefined ? { type: 'LN' } : options.norm_cfg;
    for (const index of this.outIndices) {
      this.registerModule(`norm${index}`, normConfig ? buildNormLayer(normConfig, this.numFeatures[index] as number)[1] : null);
    }
  }

  /** After init_cfg, `absolute_pos_embed` ~ TruncNormal(std 0.02) unless Pretrained. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    const config = this.initCfg;
    if (config && !Array.isArray(config) && config.type === 'Pretrained') return;
    const embed = this.absolutePosEmbed;
    if (embed) noGrad(() => init.truncatedNormal(embed, { std: 0.02 }));
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let [tokens, size] = this.patchEmbed.forward(x);
      if (this.absolutePosEmbed) tokens = add(tokens, resizePosEmbed(this.absolutePosEmbed, this.patchResolution, size, this.interpolateMode, 0));
      tokens = this.dropAfterPos.forward(tokens);
      const outs: Tensor[] = [];
      for (const [index, stage] of this.stages.children().entries()) {
        const sequence = stage as SwinBlockSequence;
        [tokens, size] = sequence.forward(tokens, size, this.outAfterDownsample);
        if (this.outIndices.includes(index)) {
          const norm = this.getOptionalNorm(index);
          const normalized = norm ? (norm.forward(tokens) as Tensor) : tokens;
          outs.push(permute(reshape(normalized, [-1, size[0], size[1], this.numFeatures[index] as number]), [0, 3, 1, 2]));
        }
        if (sequence.downsample && !this.outAfterDownsample) [tokens, size] = sequence.downsample.forward(tokens, size);
      }
      return outs;
    });
  }

  private getOptionalNorm(index: number): AnyModule | null {
    const found = this.namedChildren().find(([name]) => name === `norm${index}`);
    return found ? found[1] : null;
  }

  /**
   * Adapts a checkpoint before loading, as MMPretrain's load hooks: resizes an
   * `absolute_pos_embed` of another (square) grid (`_prepare_abs_pos_embed`), and each
   * `relative_position_bias_table` of another window size with
   * {@link resizeRelativePositionBiasTable} (`_prepare_relative_position_bias_table`), dropping the
   * checkpoint's `relative_position_index` beside it (the model keeps its own, which is then
   * reported missing, as MMEngine reports it).
   */
  prepareStateDict(dict: HostStateDict, prefix: string): void {
    this.prepareAbsolutePosEmbed(dict, prefix);
    for (const [key, table] of this.stateDict()) {
      if (!key.includes('relative_position_bias_table')) continue;
      const checkpointKey = prefix + key;
      const entry = dict.get(checkpointKey);
      if (!entry || entry.shape.length !== 2 || table.shape.length !== 2) continue;
      const [sourceLength, heads] = entry.shape as [number, number];
      const targetLength = table.shape[0] as number;
      if (sourceLength === targetLength) continue;
      const [sourceSize, targetSize] = [Math.floor(Math.sqrt(sourceLength)), Math.floor(Math.sqrt(targetLength))];
      let data: Float32Array;
      try {
        data = resizeRelativePositionBiasTable(sourceSize, targetSize, entry.data, heads);
      } catch (error) {
        throw new Error(`SwinTransformer: cannot resize ${checkpointKey} [${entry.shape.join(', ')}] to [${table.shape.join(', ')}]: ${(error as Error).message}`);
      }
      dict.set(checkpointKey, { dtype: 'float32', shape: [targetSize * targetSize, heads], data });
      dict.delete(checkpointKey.replace('bias_table', 'index'));
    }
  }

  /** Resizes a checkpoint's `absolute_pos_embed` of another (square) grid, as MMPretrain's `_prepare_abs_pos_embed`. */
  private prepareAbsolutePosEmbed(dict: HostStateDict, prefix: string): void {
    const key = `${prefix}absolute_pos_embed`;
    const entry = dict.get(key);
    const embed = this.absolutePosEmbed;
    if (!entry || !embed || entry.shape[1] === embed.shape[1]) return;
    const side = Math.round(Math.sqrt(entry.shape[1] as number));
    noGrad(() =>
      tidy(() => {
        const resized = resizePosEmbed(hostToTensor(entry, embed.backend), [side, side], this.patchResolution, this.interpolateMode, 0);
        dict.set(key, { dtype: 'float32', shape: [...resized.shape], data: resized.dataSync() });
      }),
    );
  }

  /**
   * MMPretrain's `get_layer_depth`: `[depth, sum(depths) + 2]`, 0 for the patch embedding, one
   * depth per block, the stage's last depth for its patch merging, the last for everything else.
   */
  getLayerDepth(parameterName: string, prefix = ''): [number, number] {
    const count = this.depths.reduce((sum, depth) => sum + depth, 0) + 2;
    if (!parameterName.startsWith(prefix)) return [count - 1, count];
    const name = parameterName.slice(prefix.length);
    if (name.startsWith('patch_embed') || name === 'absolute_pos_embed') return [0, count];
    if (name.startsWith('stages.')) {
      const parts = name.split('.');
      const stage = Number.parseInt(parts[1] as string, 10);
      const before = this.depths.slice(0, stage).reduce((sum, depth) => sum + depth, 0);
      if (parts[2] === 'downsample') return [before + (this.depths[stage] as number), count];
      return [before + Number.parseInt(parts[3] as string, 10) + 1, count];
    }
    return [count - 1, count];
  }

  private freezeStages(): void {
    if (this.frozenStages < 0) return;
    const stages = this.stages.children();
    const frozen: AnyModule[] = [this.patchEmbed, ...stages.slice(0, this.frozenStages + 1)];
    for (const index of this.outIndices) {
      const norm = this.getOptionalNorm(index);
      if (index <= this.frozenStages && norm) frozen.push(norm);
    }
    freezeModules(frozen);
  }

  override train(mode = true): this {
    super.train(mode);
    this.freezeStages();
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}
