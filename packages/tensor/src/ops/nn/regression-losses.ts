import { isFloating } from '../../core/dtype';
import { tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { mul, sub } from '../arithmetic';
import { less, where } from '../compare';
import { abs, square } from '../unary';
import { type LossReduction, checkReduction, reduceLoss } from './loss-reduction';

/** The options of the regression losses. */
export interface RegressionLossOptions {
  /** Default `'mean'`. */
  reduction?: LossReduction;
}

function regressionLoss(op: string, input: Tensor, target: Tensor, options: RegressionLossOptions, perElement: (difference: Tensor) => Tensor): Tensor {
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  if (!isFloating(input.dtype) || !isFloating(target.dtype)) {
    throw new TypeError(`${op}: input and target must be floating-point tensors, got ${input.dtype} and ${target.dtype}`);
  }
  return tidy(() => reduceLoss(perElement(sub(input, target)), reduction));
}

/** Mean (or summed) absolute error, as `torch.nn.functional.l1_loss` (input and target broadcast). */
export function l1Loss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  return regressionLoss('l1Loss', input, target, options, abs);
}

/** Mean (or summed) squared error, as `torch.nn.functional.mse_loss` (input and target broadcast). */
export function mseLoss(input: Tensor, target: Tensor, options: RegressionLossOptions = {}): Tensor {
  return regressionLoss('mseLoss', input, target, options, square);
}

/**
 * Smooth L1 (Huber-like) loss, as `torch.nn.functional.smooth_l1_loss`: `0.5 d² / beta` where
 * `|d| < beta`, else `|d| - 0.5 beta` (plain L1 when beta is 0).
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: RegressionLossOptions & { beta?: number } = {}): Tensor {
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new RangeError(`smoothL1Loss: beta must be non-negative, got ${beta}`);
  return regressionLoss('smoothL1Loss', input, target, options, (difference) => {
    const magnitude = abs(difference);
    if (beta === 0) return magnitude;
    return where(less(magnitude, beta), mul(square(difference), 0.5 / beta), sub(magnitude, 0.5 * beta));
  });
}
