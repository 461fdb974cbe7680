import { type Tensor, add, binaryCrossEntropyWithLogits, mul, pow, reshape, sigmoid, sub, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossCallOptions } from './cross-entropy-loss';
import { checkReduction } from './loss-options';
import { oneHotTarget } from './one-hot-target';
import { type Reduction, weightReduceLoss } from './weight-reduce-loss';

/** The options of {@link FocalLoss}, as MMPretrain's. */
export interface FocalLossOptions {
  /** The focusing parameter γ (default 2). */
  gamma?: number;
  /** The balance α of positives (default 0.25). */
  alpha?: number;
  reduction?: Reduction;
  loss_weight?: number;
}

/**
 * MMPretrain's sigmoid `FocalLoss` (https://arxiv.org/abs/1708.02002): binary cross-entropy per
 * class weighted by `(α·y + (1 - α)(1 - y)) · pt^γ`, where `pt` is the probability of the wrong
 * answer. Targets are class indices (made one-hot) or `[N, C]` multi-hot/soft targets; `weight`
 * is one value per sample.
 */
export class FocalLoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly gamma: number;
  readonly alpha: number;
  readonly reduction: Reduction;
  readonly lossWeight: number;

  constructor(options: FocalLossOptions = {}) {
    super();
    this.gamma = options.gamma ?? 2;
    this.alpha = options.alpha ?? 0.25;
    this.reduction = checkReduction('FocalLoss', options.reduction) ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
  }

  forward(pred: Tensor, target: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = checkReduction('FocalLoss', options.reductionOverride, 'reductionOverride') ?? this.reduction;
    return tidy(() => {
      const y = oneHotTarget(target, pred.shape[pred.rank - 1] as number, 'FocalLoss');
      const probability = sigmoid(pred);
      const pt = add(mul(sub(1, probability), y), mul(probability, sub(1, y)));
      const focalWeight = mul(add(mul(y, this.alpha), mul(sub(1, y), 1 - this.alpha)), pow(pt, this.gamma));
      const loss = mul(binaryCrossEntropyWithLogits(pred, y, { reduction: 'none' }), focalWeight);
      const weight = options.weight ? reshape(options.weight, [-1, 1]) : null;
      return mul(weightReduceLoss(loss, weight, reduction, options.avgFactor), this.lossWeight);
    });
  }
}
