import { type Tensor, cast, div, mean, mul, normalize, sub, sum, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';

/** The options of {@link CosineSimilarityLoss}, as MMPretrain's. */
export interface CosineSimilarityLossOptions {
  /** Default 0. */
  shift_factor?: number;
  /** Default 1. */
  scale_factor?: number;
}

/**
 * MMPretrain's `CosineSimilarityLoss` (BYOL, SimSiam): `shift - scale * cos(pred, target)` along the
 * last axis (each input L2-normalised), averaged over the samples (or over the masked ones).
 */
export class CosineSimilarityLoss extends BaseModule<[Tensor, Tensor, (Tensor | null)?], Tensor> {
  readonly shiftFactor: number;
  readonly scaleFactor: number;

  constructor(options: CosineSimilarityLossOptions = {}) {
    super();
    this.shiftFactor = options.shift_factor ?? 0;
    this.scaleFactor = options.scale_factor ?? 1;
  }

  forward(pred: Tensor, target: Tensor, mask: Tensor | null = null): Tensor {
    return tidy(() => {
      const similarity = sum(mul(normalize(pred, { axis: -1 }), normalize(target, { axis: -1 })), -1);
      const loss = sub(this.shiftFactor, mul(similarity, this.scaleFactor));
      if (!mask) return mean(loss);
      const weights = mask.dtype === 'float32' ? mask : cast(mask, 'float32');
      return div(sum(mul(loss, weights)), sum(weights));
    });
  }
}
