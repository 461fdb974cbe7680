import { recordOp } from '../../autograd/record-op';
import { isFloating } from '../../core/dtype';
import { noGrad, tidy } from '../../core/engine';
import { broadcastShapes, normalizeAxis, shapesEqual } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { mul } from '../arithmetic';
import { sum } from '../reduce';
import { expand } from '../strided';
import { clamp, reciprocal, sqrt, square } from '../unary';
import { vectorNorm } from './vector-norm';

/** The options of {@link normalize}. */
export interface NormalizeOptions {
  /** The norm's exponent (default 2). */
  p?: number;
  /** The axis to normalise along (default 1). */
  axis?: number;
  /** The smallest divisor (default 1e-12). */
  eps?: number;
}

/**
 * Divides by the p-norm along an axis, at least `eps`: `x / max(‖x‖_p, eps)`, as
 * `torch.nn.functional.normalize`.
 *
 * @example
 * normalize(embeddings, { axis: -1 });
 */
export function normalize(x: Tensor, options: NormalizeOptions = {}): Tensor {
  const p = options.p ?? 2;
  const eps = options.eps ?? 1e-12;
  if (!isFloating(x.dtype)) throw new TypeError(`normalize: the input must be a floating-point tensor, got ${x.dtype}`);
  const axis = normalizeAxis(options.axis ?? 1, x.rank, 'normalize');
  if (!(eps >= 0)) throw new RangeError(`normalize: eps must be non-negative, got ${eps}`);
  return tidy(() => mul(x, reciprocal(clamp(vectorNorm(x, p, axis), eps))));
}

/**
 * Cosine similarity along an axis (default 1), exactly as PyTorch 1.13's
 * `torch.nn.functional.cosine_similarity`: each input is divided by
 * `sqrt(max(sum(x²), eps²))` and the products are summed; as in PyTorch (whose clamp there is
 * in place), the clamp passes the gradient through unchanged. The inputs broadcast.
 */
export function cosineSimilarity(a: Tensor, b: Tensor, axis = 1, eps = 1e-8): Tensor {
  if (!isFloating(a.dtype) || !isFloating(b.dtype)) {
    throw new TypeError(`cosineSimilarity: the inputs must be floating-point tensors, got ${a.dtype} and ${b.dtype}`);
  }
  if (!(eps >= 0)) throw new RangeError(`cosineSimilarity: eps must be non-negative, got ${eps}`);
  const shape = broadcastShapes(a.shape, b.shape, 'cosineSimilarity');
  const position = normalizeAxis(axis, shape.length, 'cosineSimilarity');
  return tidy(() => {
    const unit = (x: Tensor): Tensor => {
      const full = shapesEqual(x.shape, shape) ? x : expand(x, shape);
      return mul(full, reciprocal(sqrt(clampMinPassingGradient(sum(square(full), position, true), eps * eps))));
    };
    return sum(mul(unit(a), unit(b)), position);
  });
}

/** `max(x, min)` whose gradient passes through unchanged (PyTorch's in-place `clamp_min_` in cosine similarity). */
function clampMinPassingGradient(x: Tensor, min: number): Tensor {
  const output = noGrad(() => clamp(x, min));
  return recordOp('clampMinPassingGradient', [x], output, (grad) => [grad]);
}
