import { type AnyModule, Linear, ModuleList, type Parameter, type Tensor, add, concat, gather, init, noGrad, repeat, reshape, tidy, zeros } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { TransformerEncoderLayer } from '../../backbones/vision-transformer/transformer-encoder-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import type { PretrainedLoader } from '../../init/initialize';
import { assignInPlace } from '../utils/assign-in-place';
import { build2dSincosPositionEmbedding } from '../utils/sincos-position-embedding';

/** The options of {@link MAEPretrainDecoder}, as MMPretrain's. */
export interface MAEPretrainDecoderOptions {
  /** The patches of an image (a square number). Default 196. */
  num_patches?: number;
  /** Default 16. */
  patch_size?: number;
  /** The image channels. Default 3. */
  in_chans?: number;
  /** The encoder's width. Default 1024. */
  embed_dim?: number;
  /** Default 512. */
  decoder_embed_dim?: number;
  /** Default 8. */
  decoder_depth?: number;
  /** Default 16. */
  decoder_num_heads?: number;
  /** The FFN width over the decoder width. Default 4. */
  mlp_ratio?: number;
  /** Default `{ type: 'LN', eps: 1e-6 }`. */
  norm_cfg?: LayerConfig;
  /** The prediction width; `patch_size² * in_chans` (pixels) by default. */
  predict_feature_dim?: number | null;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `MAEPretrainDecoder`: projects the encoded tokens (`decoder_embed`), appends a
 * learned `mask_token` for every removed patch, puts the patches back in their original order with
 * `ids_restore`, adds the fixed sine-cosine `decoder_pos_embed`, runs `decoder_blocks` and the
 * norm (`ln1`), and predicts each patch's pixels (`decoder_pred`), dropping the class token:
 * `[B, L, p² C]`.
 */
export class MAEPretrainDecoder extends BaseModule<[Tensor, Tensor], Tensor> {
  readonly numPatches: number;
  readonly decoderEmbedDim: number;
  readonly maskToken: Parameter;
  readonly decoderPosEmbed: Parameter;
  readonly decoderEmbed: Linear;
  readonly decoderBlocks: ModuleList;
  readonly decoderNorm: AnyModule;
  readonly decoderPred: Linear;

  constructor(options: MAEPretrainDecoderOptions = {}) {
    super(options.init_cfg);
    this.numPatches = options.num_patches ?? 196;
    const side = Math.round(Math.sqrt(this.numPatches));
    if (side * side !== this.numPatches) throw new RangeError(`MAEPretrainDecoder: num_patches must be a square number, got ${this.numPatches}`);
    const patchSize = options.patch_size ?? 16;
    const inChans = options.in_chans ?? 3;
    const embedDim = options.embed_dim ?? 1024;
    this.decoderEmbedDim = options.decoder_embed_dim ?? 512;
    const depth = options.decoder_depth ?? 8;
    const heads = options.decoder_num_heads ?? 16;
    const mlpRatio = options.mlp_ratio ?? 4;
    const normConfig = options.norm_cfg ?? { type: 'LN', eps: 1e-6 };
    this.maskToken = this.registerParameter('mask_token', zeros([1, 1, this.decoderEmbedDim]));
    this.decoderPosEmbed = this.registerParameter('decoder_pos_embed', zeros([1, this.numPatches + 1, this.decoderEmbedDim]));
    this.decoderPosEmbed.requiresGrad = false;
    this.decoderEmbed = this.registerModule('decoder_embed', new Linear(embedDim, this.decoderEmbedDim));
    const blocks: TransformerEncoderLayer[] = [];
    for (let index = 0; index < depth; index++) {
      blocks.push(
        new TransformerEncoderLayer({
          embed_dims: this.decoderEmbedDim,
          num_heads: heads,
          feedforward_channels: Math.trunc(mlpRatio * this.decoderEmbedDim),
          qkv_bias: true,
          norm_cfg: normConfig,
        }),
      );
    }
    this.decoderBlocks = this.registerModule('decoder_blocks', new ModuleList(blocks));
    const [normName, norm] = buildNormLayer(normConfig, this.decoderEmbedDim, 1);
    this.decoderNorm = this.registerModule(normName, norm);
    this.decoderPred = this.registerModule('decoder_pred', new Linear(this.decoderEmbedDim, options.predict_feature_dim ?? patchSize * patchSize * inChans));
  }

  /** init_cfg, then the sine-cosine `decoder_pos_embed` and `mask_token` ~ N(0, 0.02). */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    noGrad(() =>
      tidy(() => {
        assignInPlace(this.decoderPosEmbed, build2dSincosPositionEmbedding(Math.round(Math.sqrt(this.numPatches)), this.decoderEmbedDim, { clsToken: true }));
        init.normal(this.maskToken, { std: 0.02 });
      }),
    );
  }

  /** Decodes the encoded tokens `[B, 1 + keep, C]` with `idsRestore` `[B, L]` into patch predictions `[B, L, out]`. */
  forward(x: Tensor, idsRestore: Tensor): Tensor {
    const [batch, length] = idsRestore.shape as [number, number];
    if (length !== this.numPatches) throw new RangeError(`MAEPretrainDecoder: ids_restore has ${length} patches, the decoder was built for ${this.numPatches}`);
    return tidy(() => {
      let tokens = this.decoderEmbed.forward(x);
      const dims = this.decoderEmbedDim;
      const kept = tokens.shape[1] as number;
      const maskTokens = repeat(this.maskToken, [batch, length + 1 - kept, 1]);
      const shuffled = concat([tokens.slice([undefined, { start: 1 }]), maskTokens], 1);
      const restored = gather(shuffled, 1, repeat(reshape(idsRestore, [batch, length, 1]), [1, 1, dims]));
      tokens = add(concat([tokens.slice([undefined, { end: 1 }]), restored], 1), this.decoderPosEmbed);
      for (const block of this.decoderBlocks.children()) tokens = block.forward(tokens) as Tensor;
      tokens = this.decoderPred.forward(this.decoderNorm.forward(tokens) as Tensor);
      return tokens.slice([undefined, { start: 1 }]);
    });
  }
}
