import { recordOp } from '../../autograd/record-op';
import { isFloating } from '../../core/dtype';
import { noGrad, tidy } from '../../core/engine';
import { normalizeAxis } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { div, mul, sub } from '../arithmetic';
import { max, sum } from '../reduce';
import { exp, log } from '../unary';

function checkInput(op: string, x: Tensor, axis: number): number {
  if (!isFloating(x.dtype)) throw new TypeError(`${op}: the input must be a floating-point tensor, got ${x.dtype}`);
  return normalizeAxis(axis, x.rank, op);
}

/**
 * `exp(x) / sum(exp(x))` along an axis (the last by default), computed stably (the maximum is
 * subtracted first), as `torch.softmax`.
 *
 * @example
 * softmax(logits, -1); // rows sum to 1
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const position = checkInput('softmax', x, axis);
  const output = noGrad(() =>
    tidy(() => {
      const exponentials = exp(sub(x, max(x, position, true)));
      return div(exponentials, sum(exponentials, position, true));
    }),
  );
  return recordOp(
    'softmax',
    [x],
    output,
    (grad, [y]) => tidy(() => [mul(y as Tensor, sub(grad, sum(mul(grad, y as Tensor), position, true)))]),
    [output],
  );
}

/**
 * `x - log(sum(exp(x)))` along an axis (the last by default), computed stably as
 * `(x - max) - log(sum(exp(x - max)))`, as `torch.log_softmax`.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const position = checkInput('logSoftmax', x, axis);
  const output = noGrad(() =>
    tidy(() => {
      const shifted = sub(x, max(x, position, true));
      return sub(shifted, log(sum(exp(shifted), position, true)));
    }),
  );
  return recordOp(
    'logSoftmax',
    [x],
    output,
    (grad, [y]) => tidy(() => [sub(grad, mul(exp(y as Tensor), sum(grad, position, true)))]),
    [output],
  );
}
