import { type Tensor, mul, square, sub, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossCallOptions } from './cross-entropy-loss';
import type { RegressionLossOptions } from './l1-loss';
import { checkReduction } from './loss-options';
import { weightedLoss } from './weighted-loss';
import type { Reduction } from './weight-reduce-loss';

/** The element-wise squared error with MMPretrain's `weighted_loss` arguments. */
export const mseLoss = weightedLoss((pred, target) => {
  if (pred.shape.join() !== target.shape.join()) {
    throw new RangeError(`mse_loss: pred [${pred.shape.join(', ')}] and target [${target.shape.join(', ')}] must have the same shape`);
  }
  return tidy(() => square(sub(pred, target)));
});

/** The mean squared error loss, built like the guide's L1Loss: `(pred - target)²`, weighted and reduced. */
export class MSELoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly reduction: Reduction;
  readonly lossWeight: number;

  constructor(options: RegressionLossOptions = {}) {
    super();
    this.reduction = checkReduction('MSELoss', options.reduction) ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
  }

  forward(pred: Tensor, target: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = checkReduction('MSELoss', options.reductionOverride, 'reductionOverride') ?? this.reduction;
    return tidy(() => mul(mseLoss(pred, target, { weight: options.weight ?? null, reduction, ...(options.avgFactor === undefined ? {} : { avgFactor: options.avgFactor }) }), this.lossWeight));
  }
}
