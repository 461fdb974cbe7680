import { recordOp } from '../autograd/record-op';
import type { BackwardFunction } from '../autograd/grad-node';
import { isFloating } from '../core/dtype';
import type { UnaryKernel } from '../core/kernel-contracts';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { add, mul, sub } from './arithmetic';
import { cast } from './cast';
import { greater, greaterEqual, lessEqual, logicalAnd, where } from './compare';
import { zerosLike } from './creation';
import { disposeAll } from './operand';

/** Which tensors a unary gradient needs: the input, the output, or both. */
type Saves = 'input' | 'output' | 'none';

const FLOAT_ONLY = new Set<UnaryKernel>([
  'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'sigmoid', 'tanh', 'erf', 'sin', 'cos',
]);

function unary(kernel: UnaryKernel, x: Tensor, saves: Saves, backward?: BackwardFunction): Tensor {
  const input = FLOAT_ONLY.has(kernel) && !isFloating(x.dtype) ? cast(x, 'float32') : x;
  const output = runKernel1(kernel, [input], { shape: input.shape, dtype: input.dtype }, {});
  const saved = saves === 'input' ? [input] : saves === 'output' ? [output] : [];
  recordOp(kernel, [input], output, backward, saved);
  if (input !== x) input.dispose();
  return output;
}

/** Multiplies the gradient by a local derivative and disposes the derivative. */
function chain(grad: Tensor, local: Tensor): Tensor {
  const result = mul(grad, local);
  local.dispose();
  return result;
}

/** `-x`. */
export function neg(x: Tensor): Tensor {
  return unary('neg', x, 'none', (grad) => [neg(grad)]);
}

/** `|x|`; the gradient at 0 is 0, as PyTorch. */
export function abs(x: Tensor): Tensor {
  return unary('abs', x, 'input', (grad, [input]) => [chain(grad, sign(input as Tensor))]);
}

/** `e^x`. */
export function exp(x: Tensor): Tensor {
  return unary('exp', x, 'output', (grad, [output]) => [mul(grad, output as Tensor)]);
}

/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return unary('log', x, 'input', (grad, [input]) => [div2(grad, input as Tensor)]);
}

/** `log(1 + x)`, accurate near 0. */
export function log1p(x: Tensor): Tensor {
  return unary('log1p', x, 'input', (grad, [input]) => [div2(grad, add(input as Tensor, 1), true)]);
}

/** `e^x - 1`, accurate near 0. */
export function expm1(x: Tensor): Tensor {
  return unary('expm1', x, 'output', (grad, [output]) => [chain(grad, add(output as Tensor, 1))]);
}

/** Square root. */
export function sqrt(x: Tensor): Tensor {
  return unary('sqrt', x, 'output', (grad, [output]) => [div2(grad, mul(output as Tensor, 2), true)]);
}

/** `1 / sqrt(x)`. */
export function rsqrt(x: Tensor): Tensor {
  return unary('rsqrt', x, 'output', (grad, [output]) => {
    const squared = square(output as Tensor);
    const cube = mul(squared, output as Tensor);
    squared.dispose();
    return [chain(grad, mulScalarDispose(cube, -0.5))];
  });
}

/** `x * x`. */
export function square(x: Tensor): Tensor {
  return unary('square', x, 'input', (grad, [input]) => [chain(grad, mul(input as Tensor, 2))]);
}

/** `1 / x`. */
export function reciprocal(x: Tensor): Tensor {
  return unary('reciprocal', x, 'output', (grad, [output]) => [chain(grad, mulScalarDispose(square(output as Tensor), -1))]);
}

/** -1, 0 or 1 by the sign of `x`; zero gradient. */
export function sign(x: Tensor): Tensor {
  return unary('sign', x, 'none', (grad) => [zerosLike(grad)]);
}

/** Rounds down; zero gradient. */
export function floor(x: Tensor): Tensor {
  return unary('floor', x, 'none', (grad) => [zerosLike(grad)]);
}

/** Rounds up; zero gradient. */
export function ceil(x: Tensor): Tensor {
  return unary('ceil', x, 'none', (grad) => [zerosLike(grad)]);
}

/** Rounds half to even, as `torch.round`; zero gradient. */
export function round(x: Tensor): Tensor {
  return unary('round', x, 'none', (grad) => [zerosLike(grad)]);
}

/** `1 / (1 + e^-x)`. */
export function sigmoid(x: Tensor): Tensor {
  return unary('sigmoid', x, 'output', (grad, [output]) => {
    const complement = sub(1, output as Tensor);
    const local = mul(output as Tensor, complement);
    complement.dispose();
    return [chain(grad, local)];
  });
}

/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return unary('tanh', x, 'output', (grad, [output]) => {
    const squared = square(output as Tensor);
    const local = sub(1, squared);
    squared.dispose();
    return [chain(grad, local)];
  });
}

/** `max(x, 0)`; the gradient runs the backend's fused `reluBackward` kernel where it has one. */
export function relu(x: Tensor): Tensor {
  return unary('relu', x, 'output', (grad, [output]) => {
    if (grad.backend.hasKernel('reluBackward') && grad.dtype === (output as Tensor).dtype) {
      return [runKernel1('reluBackward', [grad, output as Tensor], { shape: grad.shape, dtype: grad.dtype }, {})];
    }
    const positive = greater(output as Tensor, 0);
    const result = where(positive, grad, 0);
    positive.dispose();
    return [result];
  });
}

/** The Gauss error function. */
export function erf(x: Tensor): Tensor {
  return unary('erf', x, 'input', (grad, [input]) => {
    const squared = square(input as Tensor);
    const negated = neg(squared);
    const gaussian = exp(negated);
    disposeAll([squared, negated]);
    return [chain(grad, mulScalarDispose(gaussian, 2 / Math.sqrt(Math.PI)))];
  });
}

/** Sine. */
export function sin(x: Tensor): Tensor {
  return unary('sin', x, 'input', (grad, [input]) => [chain(grad, cos(input as Tensor))]);
}

/** Cosine. */
export function cos(x: Tensor): Tensor {
  return unary('cos', x, 'input', (grad, [input]) => [chain(grad, mulScalarDispose(sin(input as Tensor), -1))]);
}

/**
 * Clamps into `[min, max]` (either may be omitted). The gradient passes where
 * `min <= x <= max`, as PyTorch.
 */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  if (min === undefined && max === undefined) throw new RangeError('clamp: give min, max or both');
  const attributes: { min?: number; max?: number } = {};
  if (min !== undefined) attributes.min = min;
  if (max !== undefined) attributes.max = max;
  const output = runKernel1('clamp', [x], { shape: x.shape, dtype: x.dtype }, attributes);
  return recordOp(
    'clamp',
    [x],
    output,
    (grad, [input]) => {
      const value = input as Tensor;
      const low = min === undefined ? undefined : greaterEqual(value, min);
      const high = max === undefined ? undefined : lessEqual(value, max);
      const inside = low && high ? logicalAnd(low, high) : ((low ?? high) as Tensor);
      const result = where(inside, grad, 0);
      disposeAll([low, high, inside].filter((item): item is Tensor => item !== undefined && item !== inside));
      inside.dispose();
      return [result];
    },
    [x],
  );
}

function div2(grad: Tensor, denominator: Tensor, disposeDenominator = false): Tensor {
  const inverse = reciprocal(denominator);
  if (disposeDenominator) denominator.dispose();
  return chain(grad, inverse);
}

function mulScalarDispose(value: Tensor, scalar: number): Tensor {
  const result = mul(value, scalar);
  value.dispose();
  return result;
}
