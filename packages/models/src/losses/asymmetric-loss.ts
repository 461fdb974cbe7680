import { type Tensor, add, clamp, log, mul, neg, pow, reshape, sigmoid, softmax, sub, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossCallOptions } from './cross-entropy-loss';
import { checkReduction } from './loss-options';
import { oneHotTarget } from './one-hot-target';
import { type Reduction, weightReduceLoss } from './weight-reduce-loss';

/** The options of {@link AsymmetricLoss}, as MMPretrain's. */
export interface AsymmetricLossOptions {
  /** The focusing parameter of positives (default 0). */
  gamma_pos?: number;
  /** The focusing parameter of negatives (default 4). */
  gamma_neg?: number;
  /** The probability margin shifted off negatives (default 0.05; null or 0 for none). */
  clip?: number | null;
  reduction?: Reduction;
  loss_weight?: number;
  /** Sigmoid probabilities (default true); false uses a softmax (single-label). */
  use_sigmoid?: boolean;
  /** The smallest argument of the logarithm (default 1e-8). */
  eps?: number;
}

/**
 * MMPretrain's `AsymmetricLoss` (https://arxiv.org/abs/2009.14119) for multi-label
 * classification: `-log(pt) · (1 - pt)^(γ+·y + γ-·(1 - y))`, with negatives' probabilities shifted
 * by `clip`. Targets are class indices (made one-hot) or `[N, C]` targets; `weight` is per sample.
 */
export class AsymmetricLoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly gammaPos: number;
  readonly gammaNeg: number;
  readonly clip: number | null;
  readonly reduction: Reduction;
  readonly lossWeight: number;
  readonly useSigmoid: boolean;
  readonly eps: number;

  constructor(options: AsymmetricLossOptions = {}) {
    super();
    this.gammaPos = options.gamma_pos ?? 0;
    this.gammaNeg = options.gamma_neg ?? 4;
    this.clip = options.clip === undefined ? 0.05 : options.clip;
    this.reduction = checkReduction('AsymmetricLoss', options.reduction) ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
    this.useSigmoid = options.use_sigmoid ?? true;
    this.eps = options.eps ?? 1e-8;
  }

  forward(pred: Tensor, target: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = checkReduction('AsymmetricLoss', options.reductionOverride, 'reductionOverride') ?? this.reduction;
    return tidy(() => {
      const y = oneHotTarget(target, pred.shape[pred.rank - 1] as number, 'AsymmetricLoss');
      const probability = this.useSigmoid ? sigmoid(pred) : softmax(pred, -1);
      const negative = sub(1, y);
      const shifted = this.clip !== null && this.clip > 0 ? clamp(add(sub(1, probability), this.clip), undefined, 1) : sub(1, probability);
      const pt = add(mul(shifted, negative), mul(probability, y));
      const exponent = add(mul(y, this.gammaPos), mul(negative, this.gammaNeg));
      const loss = mul(neg(log(clamp(pt, this.eps))), pow(sub(1, pt), exponent));
      const weight = options.weight ? reshape(options.weight, [-1, 1]) : null;
      return mul(weightReduceLoss(loss, weight, reduction, options.avgFactor), this.lossWeight);
    });
  }
}
