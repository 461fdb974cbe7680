import { type Generator, type Tensor, add, concat, defaultGenerator, expand, init, noGrad, reshape, tidy } from '@mmpt/tensor';
import { VisionTransformer, type VisionTransformerOptions } from '../../backbones/vision-transformer/vision-transformer';
import type { PretrainedLoader } from '../../init/initialize';
import { assignInPlace } from '../utils/assign-in-place';
import { randomMasking } from '../utils/random-masking';
import { build2dSincosPositionEmbedding } from '../utils/sincos-position-embedding';

/** The options of {@link MAEViT}, as MMPretrain's (VisionTransformer's, with the class token always on). */
export interface MAEViTOptions extends Omit<VisionTransformerOptions, 'with_cls_token' | 'frozen_stages' | 'pre_norm'> {
  /** The ratio of patches removed before the encoder. Default 0.75. */
  mask_ratio?: number;
}

/** What {@link MAEViT.forwardMasked} returns. */
export interface MAEEncoderOutput {
  /** The encoded class token and kept patches `[B, 1 + keep, C]`. */
  latent: Tensor;
  /** `[B, L]`: 1 for removed patches. */
  mask: Tensor;
  /** `[B, L]` int32: the position of each patch in the shuffled order. */
  idsRestore: Tensor;
}

/**
 * MMPretrain's `MAEViT`: a VisionTransformer (default arch 'b', `out_type` 'raw') whose forward
 * removes a random `mask_ratio` of the patches before the encoder. The position embedding is a
 * fixed 2-D sine-cosine one (not learned), the patch projection is Xavier-uniform and the class
 * token N(0, 0.02) (unless `init_cfg` is Pretrained). `forward(x, false)` (or `null`) runs the
 * plain ViT on every patch.
 */
export class MAEViT extends VisionTransformer {
  readonly maskRatio: number;
  readonly numPatches: number;
  /** Where the masking noise comes from (the default generator unless set). */
  generator: Generator = defaultGenerator;

  constructor(options: MAEViTOptions = {}) {
    const { mask_ratio: maskRatio, ...rest } = options;
    super({ arch: 'b', out_type: 'raw', ...rest, with_cls_token: true });
    this.posEmbed.requiresGrad = false;
    this.maskRatio = maskRatio ?? 0.75;
    if (!(this.maskRatio >= 0 && this.maskRatio < 1)) throw new RangeError(`MAEViT: mask_ratio must be in [0, 1), got ${this.maskRatio}`);
    this.numPatches = this.patchResolution[0] * this.patchResolution[1];
  }

  /** ViT's init, then the sine-cosine position embedding, a Xavier-uniform patch projection and the class token. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    if (this.isPretrainedInit()) return;
    noGrad(() =>
      tidy(() => {
        assignInPlace(this.posEmbed, build2dSincosPositionEmbedding(this.patchResolution, this.embedDims, { clsToken: true }));
        const weight = this.patchEmbed.projection.getParameter('weight');
        const flat = reshape(weight, [weight.shape[0] as number, -1]);
        init.xavierUniform(flat);
        assignInPlace(weight, reshape(flat, weight.shape));
        if (this.clsToken) init.normal(this.clsToken, { std: 0.02 });
      }),
    );
  }

  /** The masked encoder (`mask` true, the default): `[latent, mask, idsRestore]`; otherwise the ViT's outputs. */
  override forward(x: Tensor, mask: boolean | null = true): Tensor[] {
    if (!mask) return super.forward(x);
    const { latent, mask: patchMask, idsRestore } = this.forwardMasked(x);
    return [latent, patchMask, idsRestore];
  }

  /** Embeds the patches, keeps a random `1 - mask_ratio` of them, and encodes them with the class token. */
  forwardMasked(x: Tensor): MAEEncoderOutput {
    const batch = x.shape[0] as number;
    return tidy(() => {
      const [patches, grid] = this.patchEmbed.forward(x);
      if (grid[0] !== this.patchResolution[0] || grid[1] !== this.patchResolution[1]) {
        throw new RangeError(`MAEViT: the input gives a ${grid[0]}x${grid[1]} patch grid but the model was built for ${this.patchResolution[0]}x${this.patchResolution[1]} (img_size)`);
      }
      const positioned = add(patches, this.posEmbed.slice([undefined, { start: 1 }]));
      const { xMasked, mask, idsRestore } = randomMasking(positioned, this.maskRatio, this.generator);
      const clsToken = add(this.clsToken as Tensor, this.posEmbed.slice([undefined, { end: 1 }]));
      let tokens = concat([expand(clsToken, [batch, 1, this.embedDims]), xMasked], 1);
      for (const layer of this.layers.children()) tokens = layer.forward(tokens) as Tensor;
      if (this.ln1) tokens = this.ln1.forward(tokens) as Tensor;
      return { latent: tokens, mask, idsRestore };
    });
  }
}
