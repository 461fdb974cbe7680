import { type Tensor, abs, add, clamp, div, keep, max, mul, noGrad, norm, stack, tensor, tidy } from '@mmpt/tensor';
import { assign } from '../optimizers/assign';

/** A norm type: a positive number, or `Infinity` (also written `'inf'`) for the max-norm. */
export type NormType = number | 'inf';

/** Turns a config's norm type into a number, or an error naming the value. */
export function normTypeValue(normType: NormType, owner: string): number {
  const value = normType === 'inf' ? Number.POSITIVE_INFINITY : normType;
  if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`${owner}: norm_type must be a positive number or 'inf', got ${String(normType)}`);
  return value;
}

/**
 * Scales the gradients of `params` in place so that their total `normType`-norm is at most
 * `maxNorm`, as `torch.nn.utils.clip_grad_norm_` (PyTorch 1.13): the total norm is the norm of the
 * per-gradient norms, the gradients are multiplied by `min(maxNorm / (total + 1e-6), 1)`. Returns the
 * total norm before clipping as a 0-d tensor that the caller owns (0 when no parameter has a
 * gradient). With `errorIfNonfinite`, a non-finite total norm is an error (this reads it back).
 *
 * @example
 * const total = clipGradNorm(model.parameters(), 35, 2);
 * total.dispose();
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType: NormType = 2, errorIfNonfinite = false): Tensor {
  const order = normTypeValue(normType, 'clipGradNorm');
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new TypeError(`clipGradNorm: max_norm must be a number, got ${String(maxNorm)}`);
  const grads = [...params].map((param) => param.grad).filter((grad): grad is Tensor => grad !== null);
  if (grads.length === 0) return tensor(0);
  return noGrad(() => {
    const total = keep(
      tidy(() => {
        if (order === Number.POSITIVE_INFINITY) {
          const norms = grads.map((grad) => max(abs(grad)));
          return norms.length === 1 ? (norms[0] as Tensor) : max(stack(norms));
        }
        return norm(stack(grads.map((grad) => norm(grad, order))), order);
      }),
    );
    if (errorIfNonfinite && !Number.isFinite(total.item())) {
      const value = total.item();
      total.dispose();
      throw new RangeError(
        `clipGradNorm: the total norm of order ${order} of the gradients is non-finite (${value}), so it cannot be clipped; set error_if_nonfinite to false to scale the gradients by it anyway`,
      );
    }
    tidy(() => {
      const coefficient = clamp(div(maxNorm, add(total, 1e-6)), undefined, 1);
      for (const grad of grads) assign(grad, mul(grad, coefficient));
    });
    return total;
  });
}

/**
 * Clamps every gradient of `params` into `[-clipValue, clipValue]` in place, as
 * `torch.nn.utils.clip_grad_value_`.
 */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (typeof clipValue !== 'number' || Number.isNaN(clipValue)) throw new TypeError(`clipGradValue: clip_value must be a number, got ${String(clipValue)}`);
  noGrad(() => {
    for (const param of params) {
      const grad = param.grad;
      if (grad) tidy(() => assign(grad, clamp(grad, -clipValue, clipValue)));
    }
  });
}
