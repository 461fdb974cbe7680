import { type Tensor, abs, mul, sub, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossCallOptions } from './cross-entropy-loss';
import { checkReduction } from './loss-options';
import { weightedLoss } from './weighted-loss';
import type { Reduction } from './weight-reduce-loss';

/** The element-wise L1 loss with MMPretrain's `weighted_loss` arguments. */
export const l1Loss = weightedLoss((pred, target) => {
  if (pred.shape.join() !== target.shape.join() || target.size === 0) {
    throw new RangeError(`l1_loss: pred [${pred.shape.join(', ')}] and target [${target.shape.join(', ')}] must have the same non-empty shape`);
  }
  return tidy(() => abs(sub(pred, target)));
});

/** The options of {@link L1Loss} and {@link MSELoss}. */
export interface RegressionLossOptions {
  reduction?: Reduction;
  loss_weight?: number;
}

/**
 * The L1 loss of the guide's "add a new loss" example: `|pred - target|`, weighted element-wise by
 * `weight`, reduced by `reduction` (or `avgFactor`), times `loss_weight`.
 */
export class L1Loss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly reduction: Reduction;
  readonly lossWeight: number;

  constructor(options: RegressionLossOptions = {}) {
    super();
    this.reduction = checkReduction('L1Loss', options.reduction) ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
  }

  forward(pred: Tensor, target: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = checkReduction('L1Loss', options.reductionOverride, 'reductionOverride') ?? this.reduction;
    return tidy(() => mul(l1Loss(pred, target, { weight: options.weight ?? null, reduction, ...(options.avgFactor === undefined ? {} : { avgFactor: options.avgFactor }) }), this.lossWeight));
  }
}
