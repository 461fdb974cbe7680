import { type LossCallOptions, type Reduction, weightedLoss } from '@mmpt/models';
import { Module, type Tensor, abs, mul, oneHot, sub } from '@mmpt/tensor';

// The element-wise loss; `weightedLoss` adds MMPretrain's weight, reduction and avg_factor handling
// (the guide's @weighted_loss decorator).
const l1Loss = weightedLoss((pred: Tensor, target: Tensor) => {
  if (pred.size !== target.size || target.size === 0) {
    throw new RangeError(`L1Loss: prediction [${pred.shape.join(', ')}] and target [${target.shape.join(', ')}] must have the same non-zero size`);
  }
  const difference = sub(pred, target);
  const loss = abs(difference);
  difference.dispose();
  return loss;
});

/** The options of the guide's L1Loss. */
export interface L1LossOptions {
  reduction?: Reduction;
  loss_weight?: number;
}

/**
 * The guide's `L1Loss` (to mimic another model's probability distribution). Class-index targets,
 * which classification heads pass, are turned into one-hot scores first.
 */
export class L1Loss extends Module<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly reduction: Reduction;
  readonly lossWeight: number;

  constructor(options: L1LossOptions = {}) {
    super();
    this.reduction = options.reduction ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1.0;
  }

  forward(pred: Tensor, target: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = options.reductionOverride ?? this.reduction;
    const scores = target.dtype === 'int32' ? oneHot(target, pred.shape[1] as number) : target;
    const loss = l1Loss(pred, scores, { weight: options.weight ?? null, reduction, ...(options.avgFactor === undefined ? {} : { avgFactor: options.avgFactor }) });
    if (scores !== target) scores.dispose();
    const scaled = mul(loss, this.lossWeight);
    loss.dispose();
    return scaled;
  }
}
