import { type Parameter, type Tensor, add, cast, concat, expand, init, mul, noGrad, permute, reshape, sub, tidy, unsqueeze, zeros } from '@mmpt/tensor';
import { VisionTransformer, type VisionTransformerOptions } from '../../backbones/vision-transformer/vision-transformer';
import type { PretrainedLoader } from '../../init/initialize';
import { resizePosEmbed } from '../../backbones/vision-transformer/resize-pos-embed';

/** The options of {@link SimMIMViT}: VisionTransformer's (the output is always the patch feature map). */
export type SimMIMViTOptions = Omit<VisionTransformerOptions, 'out_type'>;

/**
 * A VisionTransformer for SimMIM pre-training (MMPretrain pre-trains SimMIM with
 * `SimMIMSwinTransformer`, which this repository does not have; this is its counterpart on ViT,
 * with ViT's state-dict names plus `mask_token`): with a mask `[B, h, w]`, the embeddings of the
 * masked patches are replaced by the learned `mask_token` (`x (1 - w) + mask_token w`) before the
 * class token and position embedding are added; the output is the patch feature map
 * `[B, C, h, w]` that SimMIMLinearDecoder reconstructs the image from. Without a mask it is the
 * plain ViT with `out_type` 'featmap'.
 */
export class SimMIMViT extends VisionTransformer {
  readonly maskToken: Parameter;

  constructor(options: SimMIMViTOptions = {}) {
    super({ ...options, out_type: 'featmap' });
    this.maskToken = this.registerParameter('mask_token', zeros([1, 1, this.embedDims]));
  }

  /** ViT's init, then `mask_token` ~ TruncNormal(std 0.02) (unless Pretrained), as SimMIMSwinTransformer's. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    if (this.isPretrainedInit()) return;
    noGrad(() => init.truncatedNormal(this.maskToken, { std: 0.02 }));
  }

  override forward(x: Tensor, mask: Tensor | null = null): Tensor[] {
    if (!mask) return super.forward(x);
    return tidy(() => {
      const batch = x.shape[0] as number;
      const [patches, grid] = this.patchEmbed.forward(x);
      const length = patches.shape[1] as number;
      if (mask.rank !== 3 || (mask.shape[1] as number) * (mask.shape[2] as number) !== length) {
        throw new RangeError(`SimMIMViT: the mask [${mask.shape.join(', ')}] does not cover the ${grid[0]}x${grid[1]} patches`);
      }
      const weights = unsqueeze(reshape(mask.dtype === 'float32' ? mask : cast(mask, 'float32'), [batch, length]), -1);
      const maskTokens = expand(this.maskToken, [batch, length, this.embedDims]);
      let tokens = add(mul(patches, sub(1, weights)), mul(maskTokens, weights));
      if (this.clsToken) tokens = concat([expand(this.clsToken, [batch, 1, this.embedDims]), tokens], 1);
      tokens = add(tokens, resizePosEmbed(this.posEmbed, this.patchResolution, grid, this.interpolateMode, this.numExtraTokens));
      tokens = this.dropAfterPos.forward(tokens);
      for (const layer of this.layers.children()) tokens = layer.forward(tokens) as Tensor;
      if (this.ln1) tokens = this.ln1.forward(tokens) as Tensor;
      const patchTokens = tokens.slice([undefined, { start: this.numExtraTokens }]);
      return [permute(reshape(patchTokens, [batch, grid[0], grid[1], this.embedDims]), [0, 3, 1, 2])];
    });
  }
}
