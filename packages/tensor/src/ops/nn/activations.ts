import { recordOp } from '../../autograd/record-op';
import { isFloating } from '../../core/dtype';
import { noGrad, tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { add, div, minimum, mul, sub } from '../arithmetic';
import { cast } from '../cast';
import { greater, greaterEqual, less, logicalAnd, where } from '../compare';
import { abs, clamp, erf, exp, expm1, log1p, neg, relu, sigmoid, square, tanh } from '../unary';

function checkFloat(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw new TypeError(`${op}: the input must be a floating-point tensor, got ${x.dtype}`);
}

/**
 * An elementwise op computed without recording, whose gradient is `grad * derivative(input)`
 * (the derivative written with public ops, evaluated in backward).
 */
function elementwise(op: string, x: Tensor, forward: (x: Tensor) => Tensor, derivative: (x: Tensor) => Tensor): Tensor {
  checkFloat(op, x);
  const output = noGrad(() => tidy(() => forward(x)));
  return recordOp(op, [x], output, (grad, [input]) => tidy(() => [mul(grad, derivative(input as Tensor))]), [x]);
}

/** `a` where `condition` holds, else `b` (float32). */
function choose(condition: Tensor, a: number, b: number): Tensor {
  return tidy(() => add(mul(cast(condition, 'float32'), a - b), b));
}

/** The 0/1 float mask of `low < x < high`. */
function strictlyInside(x: Tensor, low: number, high: number): Tensor {
  return tidy(() => choose(logicalAnd(greater(x, low), less(x, high)), 1, 0));
}

/** `min(max(x, 0), 6)`, as `torch.nn.functional.relu6` (zero gradient at 0 and 6). */
export function relu6(x: Tensor): Tensor {
  return elementwise('relu6', x, (value) => clamp(value, 0, 6), (value) => strictlyInside(value, 0, 6));
}

/** `x` where positive, else `negativeSlope * x`, as `torch.nn.functional.leaky_relu`. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  if (!Number.isFinite(negativeSlope)) throw new RangeError(`leakyRelu: negativeSlope must be finite, got ${negativeSlope}`);
  return elementwise('leakyRelu', x, (value) => where(greater(value, 0), value, mul(value, negativeSlope)), (value) => choose(greater(value, 0), 1, negativeSlope));
}

/** `x` where positive, else `alpha * (exp(x) - 1)`, as `torch.nn.functional.elu`. */
export function elu(x: Tensor, alpha = 1): Tensor {
  if (!Number.isFinite(alpha)) throw new RangeError(`elu: alpha must be finite, got ${alpha}`);
  return elementwise(
    'elu',
    x,
    (value) => where(greater(value, 0), value, mul(expm1(minimum(value, 0)), alpha)),
    (value) => where(greater(value, 0), 1, mul(exp(minimum(value, 0)), alpha)),
  );
}

const SQRT_HALF = Math.SQRT1_2;
const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/**
 * The Gaussian error linear unit, as `torch.nn.functional.gelu`: exact
 * (`x * Φ(x)` through erf, `approximate = 'none'`) or the tanh approximation.
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate === 'tanh') {
    return elementwise(
      'gelu',
      x,
      (value) => {
        const inner = mul(add(value, mul(mul(square(value), value), GELU_CUBIC)), SQRT_TWO_OVER_PI);
        return mul(mul(value, 0.5), add(tanh(inner), 1));
      },
      (value) => {
        const squared = square(value);
        const t = tanh(mul(add(value, mul(mul(squared, value), GELU_CUBIC)), SQRT_TWO_OVER_PI));
        const left = mul(add(t, 1), 0.5);
        const slope = mul(add(mul(squared, 3 * GELU_CUBIC), 1), SQRT_TWO_OVER_PI);
        return add(left, mul(mul(mul(value, 0.5), sub(1, square(t))), slope));
      },
    );
  }
  if (approximate !== 'none') throw new RangeError(`gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`);
  return elementwise(
    'gelu',
    x,
    (value) => mul(mul(value, 0.5), add(erf(mul(value, SQRT_HALF)), 1)),
    (value) => {
      const cdf = mul(add(erf(mul(value, SQRT_HALF)), 1), 0.5);
      const density = mul(exp(mul(square(value), -0.5)), 1 / Math.sqrt(2 * Math.PI));
      return add(cdf, mul(value, density));
    },
  );
}

/** `x * sigmoid(x)` (swish), as `torch.nn.functional.silu`. */
export function silu(x: Tensor): Tensor {
  return elementwise(
    'silu',
    x,
    (value) => mul(value, sigmoid(value)),
    (value) => {
      const s = sigmoid(value);
      return mul(s, add(mul(value, sub(1, s)), 1));
    },
  );
}

/**
 * `x * relu6(x + 3) / 6`, as `torch.nn.functional.hardswish`; the gradient at 3 is 1, as
 * PyTorch's vectorised CPU kernel.
 */
export function hardswish(x: Tensor): Tensor {
  return elementwise(
    'hardswish',
    x,
    (value) => div(mul(value, clamp(add(value, 3), 0, 6)), 6),
    (value) => where(less(value, -3), 0, where(greaterEqual(value, 3), 1, add(div(value, 3), 0.5))),
  );
}

/** `relu6(x + 3) / 6`, as `torch.nn.functional.hardsigmoid`. */
export function hardsigmoid(x: Tensor): Tensor {
  return elementwise(
    'hardsigmoid',
    x,
    (value) => div(clamp(add(value, 3), 0, 6), 6),
    (value) => div(strictlyInside(value, -3, 3), 6),
  );
}

/**
 * `log(1 + exp(beta * x)) / beta`, linear (`x`) where `beta * x > threshold`, as
 * `torch.nn.functional.softplus`.
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`softplus: beta must be positive, got ${beta}`);
  return elementwise(
    'softplus',
    x,
    (value) => {
      const scaled = mul(value, beta);
      return where(greater(scaled, threshold), value, div(log1p(exp(minimum(scaled, threshold))), beta));
    },
    (value) => {
      const scaled = mul(value, beta);
      return where(greater(scaled, threshold), 1, sigmoid(scaled));
    },
  );
}

/** `x * tanh(softplus(x))`, as `torch.nn.functional.mish`. */
export function mish(x: Tensor): Tensor {
  checkFloat('mish', x);
  return tidy(() => mul(x, tanh(softplus(x))));
}

/** `log(sigmoid(x))`, computed stably as `min(x, 0) - log1p(exp(-|x|))`, as `torch.nn.functional.logsigmoid`. */
export function logSigmoid(x: Tensor): Tensor {
  return elementwise(
    'logSigmoid',
    x,
    (value) => sub(neg(relu(neg(value))), log1p(exp(neg(abs(value))))),
    (value) => sigmoid(neg(value)),
  );
}
