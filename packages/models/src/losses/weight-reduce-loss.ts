import { type Tensor, div, mean, mul, sum } from '@mmpt/tensor';

/** How a loss reduces its per-element values. */
export type Reduction = 'none' | 'mean' | 'sum';

/**
 * MMPretrain's `weight_reduce_loss`: multiplies element-wise losses by `weight`, then reduces them;
 * with `avgFactor`, a 'mean' divides the sum by it instead of by the count ('sum' with an
 * avg_factor is an error, as MMPretrain's).
 */
export function weightReduceLoss(loss: Tensor, weight: Tensor | null | undefined, reduction: Reduction, avgFactor?: number): Tensor {
  const weighted = weight ? mul(loss, weight) : loss;
  let result: Tensor;
  if (avgFactor === undefined) {
    result = reduction === 'mean' ? mean(weighted) : reduction === 'sum' ? sum(weighted) : weighted;
  } else if (reduction === 'mean') {
    const total = sum(weighted);
    result = div(total, avgFactor);
    total.dispose();
  } else if (reduction === 'none') {
    result = weighted;
  } else {
    throw new Error('weight_reduce_loss: avg_factor can not be used with reduction="sum"');
  }
  if (weighted !== loss && weighted !== result) weighted.dispose();
  return result;
}
