import { type Parameter, type Tensor, expand, init, noGrad, squeeze, zeros } from '@mmpt/tensor';
import type { PretrainedLoader } from '../../init/initialize';
import { VisionTransformer, type VisionTransformerOptions } from './vision-transformer';

/**
 * DeiT's distilled Vision Transformer (https://arxiv.org/abs/2012.12877), as MMPretrain's
 * `DistilledVisionTransformer`: a `dist_token` follows the class token. With out_type
 * `cls_token`, each output index contributes two tensors, the class token and the distillation
 * token (what DeiTClsHead takes). The default arch is 'deit-base'.
 */
export class DistilledVisionTransformer extends VisionTransformer {
  readonly distToken: Parameter;

  constructor(options: VisionTransformerOptions = {}) {
    super(options);
    this.distToken = this.registerParameter('dist_token', zeros([1, 1, this.embedDims]));
  }

  protected override defaultArch(): string {
    return 'deit-base';
  }

  protected override extraTokenCount(): number {
    return 2;
  }

  protected override extraTokens(batch: number): Tensor[] {
    return [...super.extraTokens(batch), expand(this.distToken, [batch, 1, this.embedDims])];
  }

  protected override formatOutput(tokens: Tensor, grid: [number, number]): Tensor[] {
    if (this.outType !== 'cls_token') return super.formatOutput(tokens, grid);
    return [0, 1].map((index) => squeeze(tokens.slice([undefined, { start: index, end: index + 1 }]), 1));
  }

  /** Also draws `dist_token` ~ TruncNormal(std 0.02) unless Pretrained, as MMPretrain. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    if (!this.isPretrainedInit()) noGrad(() => init.truncatedNormal(this.distToken, { std: 0.02 }));
  }
}
