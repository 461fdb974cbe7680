import type { Tensor } from '../../core/tensor';
import { mean, sum } from '../reduce';
import { reshape } from '../reshape';

/** How a loss reduces its per-element values: their mean (default), their sum, or none. */
export type LossReduction = 'mean' | 'sum' | 'none';

/** Checks a reduction option, naming the op. */
export function checkReduction(op: string, reduction: string): LossReduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new RangeError(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
  return reduction;
}

/** Applies a reduction to per-element losses; returns a new tensor. */
export function reduceLoss(loss: Tensor, reduction: LossReduction): Tensor {
  if (reduction === 'mean') return mean(loss);
  if (reduction === 'sum') return sum(loss);
  return reshape(loss, loss.shape);
}
