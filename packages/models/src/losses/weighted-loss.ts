import type { Tensor } from '@mmpt/tensor';
import { type Reduction, weightReduceLoss } from './weight-reduce-loss';

/** The weighting and reduction arguments that {@link weightedLoss} adds to an element-wise loss. */
export interface WeightedLossOptions {
  /** Multiplies the element-wise loss (broadcast). */
  weight?: Tensor | null;
  /** Default 'mean'. */
  reduction?: Reduction;
  /** Divide the sum by this instead of the count ('mean' only). */
  avgFactor?: number;
}

/**
 * MMPretrain's `weighted_loss` decorator: turns an element-wise loss `fn(pred, target)` into one
 * that also takes `weight`, `reduction` and `avgFactor` and applies {@link weightReduceLoss}.
 *
 * @example
 * const l1 = weightedLoss((pred, target) => abs(sub(pred, target)));
 * l1(pred, target, { weight, reduction: 'mean', avgFactor: 4 });
 */
export function weightedLoss(fn: (pred: Tensor, target: Tensor) => Tensor): (pred: Tensor, target: Tensor, options?: WeightedLossOptions) => Tensor {
  return (pred, target, options = {}) => {
    const loss = fn(pred, target);
    const result = weightReduceLoss(loss, options.weight, options.reduction ?? 'mean', options.avgFactor);
    if (result !== loss) loss.dispose();
    return result;
  };
}
