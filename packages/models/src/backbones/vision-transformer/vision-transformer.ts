import {
  type AnyModule,
  Dropout,
  type HostStateDict,
  type InterpolateMode,
  ModuleList,
  type Parameter,
  type Tensor,
  add,
  concat,
  expand,
  hostToTensor,
  init,
  mean,
  noGrad,
  permute,
  reshape,
  squeeze,
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
import { freezeModules } from '../../utils/freeze';
import { resizePosEmbed } from './resize-pos-embed';
import { TransformerEncoderLayer, type TransformerEncoderLayerOptions } from './transformer-encoder-layer';
import { type VisionTransformerArch, resolveVitArch } from './vit-archs';

/** What VisionTransformer returns for each output index. */
export type VitOutType = 'raw' | 'cls_token' | 'featmap' | 'avg_featmap';

/** The options of {@link VisionTransformer}, as MMPretrain's. */
export interface VisionTransformerOptions {
  /** An arch name (s, b, l, h, deit-t, deit-s, deit-b and long forms) or a custom dict. Default 'base'. */
  arch?: string | VisionTransformerArch;
  /** The usual input size; the position embedding is resized for other sizes. Default 224. */
  img_size?: number | [number, number];
  patch_size?: number;
  in_channels?: number;
  /** Layers whose output is returned (negative counts from the end). Default -1. */
  out_indices?: number | number[];
  drop_rate?: number;
  /** Stochastic depth, increasing linearly to this rate over the layers. */
  drop_path_rate?: number;
  qkv_bias?: boolean;
  /** Default `{ type: 'LN', eps: 1e-6 }`. */
  norm_cfg?: LayerConfig;
  final_norm?: boolean;
  /** Default 'cls_token'. */
  out_type?: VitOutType;
  with_cls_token?: boolean;
  frozen_stages?: number;
  /** How the position embedding is resized (default 'bicubic'). */
  interpolate_mode?: InterpolateMode;
  /**
   * The initial value of the LayerScales after each layer's attention and FFN (state-dict keys
   * `layers.N.attn.gamma1.weight`, `layers.N.ffn.gamma2.weight`); 0 (the default) for none.
   */
  layer_scale_init_value?: number;
  /**
   * Gradient checkpointing of every encoder layer when its input requires grad (an mmpt option:
   * MMPretrain's VisionTransformer has none). Default false.
   */
  with_cp?: boolean;
  patch_cfg?: Partial<PatchEmbedOptions>;
  /** Options merged into every encoder layer, or one object per layer. */
  layer_cfgs?: Partial<TransformerEncoderLayerOptions> | Array<Partial<TransformerEncoderLayerOptions>>;
  /** A LayerNorm before the encoder (CLIP); the patch embedding then has no bias. */
  pre_norm?: boolean;
  init_cfg?: InitConfigInput;
}

const OUT_TYPES: readonly VitOutType[] = ['raw', 'cls_token', 'featmap', 'avg_featmap'];

/**
 * Vision Transformer (https://arxiv.org/abs/2010.11929), as MMPretrain's `VisionTransformer`:
 * `patch_embed`, `cls_token`, `pos_embed`, `layers.N` (pre-norm encoder layers), final `ln1`
 * (and `ln2` for `avg_featmap`), with MMPretrain's archs and state-dict names. Any input size works:
 * the position embedding is interpolated to the patch grid, and checkpoints with another grid are
 * resized when loaded.
 *
 * @example
 * const vit = new VisionTransformer({ arch: 'b', img_size: 224, patch_size: 16, out_type: 'featmap' });
 */
export class VisionTransformer extends BaseModule<[Tensor], Tensor[]> implements StateDictPreparer {
  readonly embedDims: number;
  readonly numLayers: number;
  readonly outIndices: number[];
  readonly outType: VitOutType;
  readonly withClsToken: boolean;
  readonly numExtraTokens: number;
  readonly interpolateMode: InterpolateMode;
  readonly frozenStages: number;
  readonly finalNorm: boolean;
  /** The patch grid of `img_size`, the grid `pos_embed` is stored at. */
  readonly patchResolution: [number, number];
  readonly patchEmbed: PatchEmbed;
  readonly clsToken: Parameter | null;
  readonly posEmbed: Parameter;
  readonly dropAfterPos: Dropout;
  readonly layers: ModuleList;
  readonly preNorm: AnyModule | null;
  readonly ln1: AnyModule | null;
  readonly ln2: AnyModule | null;

  constructor(options: VisionTransformerOptions = {}) {
    super(options.init_cfg);
    const owner = this.constructor.name;
    const arch = resolveVitArch(options.arch ?? this.defaultArch(), owner);
    this.embedDims = arch.embed_dims;
    this.numLayers = arch.num_layers;
    this.outType = options.out_type ?? 'cls_token';
    if (!OUT_TYPES.includes(this.outType)) throw new RangeError(`${owner}: unsupported out_type "${String(this.outType)}"; choose one of ${OUT_TYPES.join(', ')}`);
    this.withClsToken = options.with_cls_token ?? true;
    if (!this.withClsToken && this.outType === 'cls_token') throw new Error(`${owner}: with_cls_token must be true when out_type is "cls_token"`);
    this.numExtraTokens = this.withClsToken ? this.extraTokenCount() : 0;
    const preNorm = options.pre_norm ?? false;
    const imgSize = options.img_size ?? 224;
    this.patchEmbed = this.registerModule(
      'patch_embed',
      new PatchEmbed({
        in_channels: options.in_channels ?? 3,
        input_size: imgSize,
        embed_dims: this.embedDims,
        kernel_size: options.patch_size ?? 16,
        stride: options.patch_size ?? 16,
        bias: !preNorm,
        ...(options.patch_cfg ?? {}),
      }),
    );
    this.patchResolution = this.patchEmbed.initOutSize as [number, number];
    const patches = this.patchResolution[0] * this.patchResolution[1];
    this.clsToken = this.withClsToken ? this.registerParameter('cls_token', zeros([1, 1, this.embedDims])) : null;
    this.interpolateMode = options.interpolate_mode ?? 'bicubic';
    this.posEmbed = this.registerParameter('pos_embed', zeros([1, patches + this.numExtraTokens, this.embedDims]));
    this.dropAfterPos = this.registerModule('drop_after_pos', new Dropout(options.drop_rate ?? 0));
    const indices = typeof options.out_indices === 'number' ? [options.out_indices] : (options.out_indices ?? [-1]);
    this.outIndices = indices.map((index) => {
      const normalized = index < 0 ? this.numLayers + index : index;
      if (!Number.isInteger(normalized) || normalized < 0 || normalized >= this.numLayers) throw new RangeError(`${owner}: invalid out_indices entry ${index} for ${this.numLayers} layers`);
      return normalized;
    });
    const dropPath = options.drop_path_rate ?? 0;
    const normConfig = options.norm_cfg ?? { type: 'LN', eps: 1e-6 };
    const layerConfigs = Array.isArray(options.layer_cfgs) ? options.layer_cfgs : new Array(this.numLayers).fill(options.layer_cfgs ?? {});
    if (layerConfigs.length !== this.numLayers) throw new RangeError(`${owner}: ${layerConfigs.length} layer_cfgs for ${this.numLayers} layers`);
    const layers: TransformerEncoderLayer[] = [];
    for (let index = 0; index < this.numLayers; index++) {
      layers.push(
        new TransformerEncoderLayer({
          embed_dims: this.embedDims,
          num_heads: arch.num_heads,
          feedforward_channels: arch.feedforward_channels,
          drop_rate: options.drop_rate ?? 0,
          drop_path_rate: this.numLayers === 1 ? 0 : (dropPath * index) / (this.numLayers - 1),
          qkv_bias: options.qkv_bias ?? true,
          norm_cfg: normConfig,
          layer_scale_init_value: options.layer_scale_init_value ?? 0,
          with_cp: options.with_cp ?? false,
          ...(layerConfigs[index] as Partial<TransformerEncoderLayerOptions>),
        }),
      );
    }
    this.layers = this.registerModule('layers', new ModuleList(layers));
    this.frozenStages = options.frozen_stages ?? -1;
    this.preNorm = this.registerModule('pre_norm', preNorm ? buildNormLayer(normConfig, this.embedDims)[1] : null);
    this.finalNorm = options.final_norm ?? true;
    this.ln1 = this.registerModule('ln1', this.finalNorm ? buildNormLayer(normConfig, this.embedDims)[1] : null);
    this.ln2 = this.registerModule('ln2', this.outType === 'avg_featmap' ? buildNormLayer(normConfig, this.embedDims)[1] : null);
    if (this.frozenStages > 0) this.freezeStages();
  }

  /** The arch used when none is given. */
  protected defaultArch(): string {
    return 'base';
  }

  /** The tokens before the patches (1: the class token). */
  protected extraTokenCount(): number {
    return 1;
  }

  /** The extra tokens prepended to the patch tokens, `[B, n, C]` each. */
  protected extraTokens(batch: number): Tensor[] {
    return this.clsToken ? [expand(this.clsToken, [batch, 1, this.embedDims])] : [];
  }

  /** MMPretrain's init: init_cfg, then `pos_embed` ~ TruncNormal(std 0.02) unless Pretrained. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    if (this.isPretrainedInit()) return;
    noGrad(() => init.truncatedNormal(this.posEmbed, { std: 0.02 }));
  }

  /** Whether `init_cfg` is a single Pretrained config (the token inits are skipped then). */
  protected isPretrainedInit(): boolean {
    const config = this.initCfg;
    return config !== null && config !== undefined && !Array.isArray(config) && config.type === 'Pretrained';
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      const batch = x.shape[0] as number;
      const [patches, grid] = this.patchEmbed.forward(x);
      let tokens = this.numExtraTokens > 0 ? concat([...this.extraTokens(batch), patches], 1) : patches;
      tokens = add(tokens, resizePosEmbed(this.posEmbed, this.patchResolution, grid, this.interpolateMode, this.numExtraTokens));
      tokens = this.dropAfterPos.forward(tokens);
      if (this.preNorm) tokens = this.preNorm.forward(tokens) as Tensor;
      const outs: Tensor[] = [];
      const layers = this.layers.children();
      for (const [index, layer] of layers.entries()) {
        tokens = layer.forward(tokens) as Tensor;
        if (index === layers.length - 1 && this.ln1) tokens = this.ln1.forward(tokens) as Tensor;
        if (this.outIndices.includes(index)) outs.push(...this.formatOutput(tokens, grid));
      }
      return outs;
    });
  }

  /** The output of one layer in `out_type`'s form (DistilledVisionTransformer gives two tensors for cls_token). */
  protected formatOutput(tokens: Tensor, grid: [number, number]): Tensor[] {
    if (this.outType === 'raw') return [tokens];
    if (this.outType === 'cls_token') return [squeeze(tokens.slice([undefined, { start: 0, end: 1 }]), 1)];
    const patches = tokens.slice([undefined, { start: this.numExtraTokens }]);
    if (this.outType === 'featmap') return [permute(reshape(patches, [tokens.shape[0] as number, grid[0], grid[1], -1]), [0, 3, 1, 2])];
    return [(this.ln2 as AnyModule).forward(mean(patches, 1)) as Tensor];
  }

  /**
   * Adapts a checkpoint's `pos_embed` before loading, as MMPretrain's `_prepare_pos_embed`: drops the
   * class token's entry when this model has none, and resizes a square grid of another size to
   * `patchResolution` with `interpolate_mode`.
   */
  prepareStateDict(dict: HostStateDict, prefix: string): void {
    const key = `${prefix}pos_embed`;
    const entry = dict.get(key);
    if (!entry || entry.shape.length !== 3) return;
    const own = this.posEmbed.shape as [number, number, number];
    noGrad(() =>
      tidy(() => {
        let weights = hostToTensor(entry, this.posEmbed.backend);
        if (!this.withClsToken && weights.shape[1] === own[1] + 1) weights = weights.slice([undefined, { start: 1 }]);
        if (weights.shape[1] !== own[1]) {
          const side = Math.round(Math.sqrt((weights.shape[1] as number) - this.numExtraTokens));
          weights = resizePosEmbed(weights, [side, side], this.patchResolution, this.interpolateMode, this.numExtraTokens);
        }
        if (weights.shape[1] !== entry.shape[1]) dict.set(key, { dtype: 'float32', shape: [...weights.shape], data: weights.dataSync() });
      }),
    );
  }

  /**
   * MMPretrain's `get_layer_depth` for layer-wise learning-rate decay: `[depth, numLayers + 2]`,
   * depth 0 for the tokens and the patch embedding, `i + 1` for `layers.i`, and the last depth for
   * everything else (the final norms, and parameters outside `prefix` such as the head).
   */
  getLayerDepth(parameterName: string, prefix = ''): [number, number] {
    const count = this.numLayers + 2;
    if (!parameterName.startsWith(prefix)) return [count - 1, count];
    const name = parameterName.slice(prefix.length);
    if (name === 'cls_token' || name === 'pos_embed' || name === 'dist_token' || name.startsWith('patch_embed')) return [0, count];
    if (name.startsWith('layers.')) return [Number.parseInt(name.split('.')[1] as string, 10) + 1, count];
    return [count - 1, count];
  }

  private freezeStages(): void {
    this.posEmbed.requiresGrad = false;
    if (this.clsToken) this.clsToken.requiresGrad = false;
    const frozen: AnyModule[] = [this.dropAfterPos, this.patchEmbed];
    if (this.preNorm) frozen.push(this.preNorm);
    const layers = this.layers.children();
    frozen.push(...layers.slice(0, this.frozenStages));
    if (this.frozenStages === layers.length && this.ln1) frozen.push(this.ln1);
    freezeModules(frozen);
  }

  override train(mode = true): this {
    super.train(mode);
    if (this.frozenStages > 0) this.freezeStages();
    return this;
  }
}
