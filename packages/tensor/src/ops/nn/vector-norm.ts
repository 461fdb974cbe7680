import { recordOp } from '../../autograd/record-op';
import { noGrad, tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { div, mul, pow } from '../arithmetic';
import { greater, where } from '../compare';
import { norm } from '../reduce';
import { abs, sign } from '../unary';

/**
 * The p-norm over one axis with the axis kept (size 1), as `torch.linalg.vector_norm(keepdim=True)`,
 * whose gradient is 0 where the norm is 0 (instead of NaN), as PyTorch.
 */
export function vectorNorm(x: Tensor, p: number, axis: number): Tensor {
  if (!(p > 0)) throw new RangeError(`vectorNorm: p must be positive, got ${p}`);
  if (p === Number.POSITIVE_INFINITY) return norm(x, p, axis, true);
  const output = noGrad(() => norm(x, p, axis, true));
  return recordOp(
    'vectorNorm',
    [x],
    output,
    (grad, [input, result]) =>
      tidy(() => {
        const value = input as Tensor;
        const total = result as Tensor;
        const positive = greater(total, 0);
        if (p === 1) return [mul(sign(value), grad)];
        // d|x|_p / dx = sign(x) |x|^(p-1) / |x|_p^(p-1)
        const numerator = p === 2 ? value : mul(sign(value), pow(abs(value), p - 1));
        const denominator = p === 2 ? total : pow(total, p - 1);
        const scale = where(positive, div(grad, denominator), 0);
        return [mul(numerator, scale)];
      }),
    [x, output],
  );
}
