import { isFloating } from '../../core/dtype';
import { tidy } from '../../core/engine';
import { formatShape, shapesEqual } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { add, div, mul } from '../arithmetic';
import { cast } from '../cast';
import { notEqual, where } from '../compare';
import { gather, indexSelect } from '../indexing';
import { sum } from '../reduce';
import { reshape, unsqueeze } from '../reshape';
import { neg } from '../unary';
import { type LossReduction, checkReduction } from './loss-reduction';
import { logSoftmax } from './softmax';

/** The options of {@link crossEntropy}, as `torch.nn.functional.cross_entropy`. */
export interface CrossEntropyOptions {
  /** A weight per class (`[C]`). */
  weight?: Tensor | null;
  /** Class-index targets equal to this are ignored (default -100). */
  ignoreIndex?: number;
  /** Default `'mean'`. */
  reduction?: LossReduction;
  /** Mixes the target with the uniform distribution: `(1 - ε) * target + ε / C` (default 0). */
  labelSmoothing?: number;
}

/**
 * Cross-entropy of logits `[N, C]`, `[N, C, d1, ...]` or `[C]` against class indices (int32,
 * shaped as the logits without the class axis) or class probabilities (float, shaped as the
 * logits), exactly as `torch.nn.functional.cross_entropy`: with class weights the mean divides by
 * the summed weights of the (non-ignored) targets; label smoothing adds `ε / C` times the
 * (weighted) sum of `-log p` over the classes; probability targets average over the samples.
 *
 * @example
 * crossEntropy(logits, labels, { labelSmoothing: 0.1 });
 */
export function crossEntropy(logits: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const reduction = checkReduction('crossEntropy', options.reduction ?? 'mean');
  const smoothing = options.labelSmoothing ?? 0;
  const ignoreIndex = options.ignoreIndex ?? -100;
  const weight = options.weight ?? null;
  if (!isFloating(logits.dtype)) throw new TypeError(`crossEntropy: logits must be a floating-point tensor, got ${logits.dtype}`);
  if (logits.rank === 0) throw new RangeError('crossEntropy: logits must have a class axis, got a scalar');
  if (!(smoothing >= 0 && smoothing <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${smoothing}`);
  const classAxis = logits.rank === 1 ? 0 : 1;
  const classes = logits.shape[classAxis] as number;
  if (weight && (weight.rank !== 1 || weight.shape[0] !== classes)) {
    throw new RangeError(`crossEntropy: weight must have shape [${classes}], got ${formatShape(weight.shape)}`);
  }
  const soft = isFloating(target.dtype);
  if (soft && !shapesEqual(target.shape, logits.shape)) {
    throw new RangeError(`crossEntropy: probability targets must have the logits shape ${formatShape(logits.shape)}, got ${formatShape(target.shape)}`);
  }
  if (!soft) {
    if (target.dtype !== 'int32') throw new TypeError(`crossEntropy: class-index targets must be int32, got ${target.dtype}`);
    const expected = logits.shape.filter((_, axis) => axis !== classAxis);
    if (!shapesEqual(target.shape, expected)) {
      throw new RangeError(`crossEntropy: class-index targets must have shape ${formatShape(expected)} for logits ${formatShape(logits.shape)}, got ${formatShape(target.shape)}`);
    }
  }
  return tidy(() => {
    const logProbabilities = logSoftmax(logits, classAxis);
    const weightView = weight ? reshape(weight, logits.shape.map((size, axis) => (axis === classAxis ? size : 1))) : null;
    if (soft) return probabilityTargetLoss(logProbabilities, target, weightView, classAxis, reduction, smoothing);
    return classIndexLoss(logProbabilities, target, weight, weightView, classAxis, reduction, smoothing, ignoreIndex);
  });
}

/** Cross-entropy against class probabilities (PyTorch's `cross_entropy_loss_prob_target`). */
function probabilityTargetLoss(
  logProbabilities: Tensor,
  target: Tensor,
  weightView: Tensor | null,
  classAxis: number,
  reduction: LossReduction,
  smoothing: number,
): Tensor {
  const classes = logProbabilities.shape[classAxis] as number;
  const smoothed = smoothing > 0 ? add(mul(target, 1 - smoothing), smoothing / classes) : target;
  let terms = mul(logProbabilities, smoothed);
  if (weightView) terms = mul(terms, weightView);
  if (reduction === 'none') return neg(sum(terms, classAxis));
  const total = neg(sum(terms));
  return reduction === 'sum' ? total : div(total, logProbabilities.size / classes);
}

/** Cross-entropy against class indices (PyTorch's `nll_loss_nd` plus its label-smoothing term). */
function classIndexLoss(
  logProbabilities: Tensor,
  target: Tensor,
  weight: Tensor | null,
  weightView: Tensor | null,
  classAxis: number,
  reduction: LossReduction,
  smoothing: number,
  ignoreIndex: number,
): Tensor {
  const classes = logProbabilities.shape[classAxis] as number;
  const kept = notEqual(target, ignoreIndex);
  const keptMask = cast(kept, logProbabilities.dtype);
  const safeTarget = where(kept, target, 0);
  const picked = reshape(gather(logProbabilities, classAxis, unsqueeze(safeTarget, classAxis)), target.shape);
  const targetWeights = weight ? mul(reshape(indexSelect(weight, 0, reshape(safeTarget, [-1])), target.shape), keptMask) : keptMask;
  const losses = neg(mul(picked, targetWeights));
  const nll = reduction === 'none' ? losses : reduction === 'sum' ? sum(losses) : div(sum(losses), sum(targetWeights));
  if (smoothing === 0) return nll;
  const classTerms = weightView ? mul(logProbabilities, weightView) : logProbabilities;
  const smooth = mul(neg(sum(classTerms, classAxis)), keptMask);
  const smoothReduced = reduction === 'none' ? smooth : reduction === 'sum' ? sum(smooth) : div(sum(smooth), sum(targetWeights));
  return add(mul(nll, 1 - smoothing), mul(smoothReduced, smoothing / classes));
}
