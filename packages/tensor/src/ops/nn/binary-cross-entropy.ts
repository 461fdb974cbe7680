import { isFloating } from '../../core/dtype';
import { tidy } from '../../core/engine';
import { formatShape, shapesEqual } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { add, mul, sub } from '../arithmetic';
import { logSigmoid } from './activations';
import { type LossReduction, checkReduction, reduceLoss } from './loss-reduction';

/** The options of {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyOptions {
  /** A rescaling weight of each element, broadcast to the input. */
  weight?: Tensor | null;
  /** A weight of the positive term per class (broadcast along the last axis). */
  posWeight?: Tensor | null;
  /** Default `'mean'`. */
  reduction?: LossReduction;
}

/**
 * Binary cross-entropy on logits, computed stably through `logSigmoid`, as
 * `torch.nn.functional.binary_cross_entropy_with_logits`:
 * `loss = (1 - t) * x - (1 + (posWeight - 1) * t) * logSigmoid(x)`, times `weight`.
 *
 * @example
 * binaryCrossEntropyWithLogits(logits, multiHotTargets, { reduction: 'mean' });
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const reduction = checkReduction('binaryCrossEntropyWithLogits', options.reduction ?? 'mean');
  if (!isFloating(logits.dtype) || !isFloating(target.dtype)) {
    throw new TypeError(`binaryCrossEntropyWithLogits: logits and target must be floating-point tensors, got ${logits.dtype} and ${target.dtype}`);
  }
  if (!shapesEqual(logits.shape, target.shape)) {
    throw new RangeError(`binaryCrossEntropyWithLogits: target shape ${formatShape(target.shape)} must equal the logits shape ${formatShape(logits.shape)}`);
  }
  return tidy(() => {
    let logProbability = logSigmoid(logits);
    if (options.posWeight) logProbability = mul(logProbability, add(mul(sub(options.posWeight, 1), target), 1));
    let loss = sub(mul(sub(1, target), logits), logProbability);
    if (options.weight) loss = mul(loss, options.weight);
    return reduceLoss(loss, reduction);
  });
}
