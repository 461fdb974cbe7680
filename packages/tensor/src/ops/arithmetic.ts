import { recordOp } from '../autograd/record-op';
import { isFloating } from '../core/dtype';
import { cast } from './cast';
import { broadcastShapes } from '../core/shape';
import type { BinaryKernel } from '../core/kernel-contracts';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { equal, greater, where } from './compare';
import { log, neg, reciprocal, square } from './unary';
import { type Operand, binaryOperands, disposeAll } from './operand';
import { sumToShape } from './sum-to-shape';

function binary(kernel: BinaryKernel, a: Operand, b: Operand): { output: Tensor; a: Tensor; b: Tensor; temporaries: Tensor[] } {
  const operands = binaryOperands(kernel, a, b);
  const shape = broadcastShapes(operands.a.shape, operands.b.shape, kernel);
  const output = runKernel1(kernel, [operands.a, operands.b], { shape, dtype: operands.dtype }, {});
  return { output, ...operands };
}

/**
 * `a + b` with broadcasting.
 *
 * @example
 * add(tensor([1, 2]), 1); // [2, 3]
 */
export function add(a: Operand, b: Operand): Tensor {
  const r = binary('add', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  recordOp('add', [r.a, r.b], r.output, (grad) => [sumToShape(grad, shapeA), sumToShape(grad, shapeB)]);
  disposeAll(r.temporaries);
  return r.output;
}

/** `a - b` with broadcasting. */
export function sub(a: Operand, b: Operand): Tensor {
  const r = binary('sub', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  recordOp('sub', [r.a, r.b], r.output, (grad) => [sumToShape(grad, shapeA), negated(sumToShape(grad, shapeB), grad)]);
  disposeAll(r.temporaries);
  return r.output;
}

/** `a * b` with broadcasting. */
export function mul(a: Operand, b: Operand): Tensor {
  const r = binary('mul', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  const [needA, needB] = [r.a.requiresGrad, r.b.requiresGrad];
  recordOp(
    'mul',
    [r.a, r.b],
    r.output,
    (grad, [savedA, savedB]) => [
      needA ? reduced(mul(grad, savedB as Tensor), shapeA) : null,
      needB ? reduced(mul(grad, savedA as Tensor), shapeB) : null,
    ],
    [r.a, r.b],
  );
  disposeAll(r.temporaries);
  return r.output;
}

/** `a / b` with broadcasting; true division, so integer operands divide as float32 (as PyTorch). */
export function div(a: Operand, b: Operand): Tensor {
  const floating = (operand: Operand) => (typeof operand === 'number' ? !Number.isInteger(operand) : isFloating(operand.dtype));
  if (!floating(a) && !floating(b)) {
    const left = typeof a === 'number' ? a : cast(a, 'float32');
    const right = typeof b === 'number' ? b : cast(b, 'float32');
    const result = div(left, right);
    if (typeof left !== 'number') left.dispose();
    if (typeof right !== 'number') right.dispose();
    return result;
  }
  const r = binary('div', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  const [needA, needB] = [r.a.requiresGrad, r.b.requiresGrad];
  recordOp(
    'div',
    [r.a, r.b],
    r.output,
    (grad, [savedA, savedB]) => {
      const gradA = needA ? reduced(div(grad, savedB as Tensor), shapeA) : null;
      let gradB: Tensor | null = null;
      if (needB) {
        const squared = square(savedB as Tensor);
        const quotient = div(savedA as Tensor, squared);
        const scaled = mul(grad, quotient);
        gradB = reduced(neg(scaled), shapeB);
        disposeAll([squared, quotient, scaled]);
      }
      return [gradA, gradB];
    },
    [r.a, r.b],
  );
  disposeAll(r.temporaries);
  return r.output;
}

/** `a ** b` with broadcasting. */
export function pow(a: Operand, b: Operand): Tensor {
  const r = binary('pow', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  const [needA, needB] = [r.a.requiresGrad, r.b.requiresGrad];
  recordOp(
    'pow',
    [r.a, r.b],
    r.output,
    (grad, [savedA, savedB, savedOut]) => {
      const base = savedA as Tensor;
      const exponent = savedB as Tensor;
      let gradA: Tensor | null = null;
      let gradB: Tensor | null = null;
      if (needA) {
        // b * a^(b-1), computed as b * a^b / a where a != 0 would lose a = 0; use pow directly.
        const exponentLess = sub(exponent, 1);
        const power = pow(base, exponentLess);
        const product = mul(exponent, power);
        // x^0 is constant: its derivative is 0 even at x = 0, where 0 * 0^-1 would be NaN (as PyTorch).
        const constant = equal(exponent, 0);
        const local = where(constant, 0, product);
        const full = mul(grad, local);
        gradA = reduced(full, shapeA);
        disposeAll([exponentLess, power, product, constant, local]);
      }
      if (needB) {
        // a^b * log(a), taken as 0 where a == 0 (PyTorch's convention for b >= 0).
        const zero = equal(base, 0);
        const logBase = log(base);
        const safeLog = where(zero, 0, logBase);
        const local = mul(savedOut as Tensor, safeLog);
        const full = mul(grad, local);
        gradB = reduced(full, shapeB);
        disposeAll([zero, logBase, safeLog, local]);
      }
      return [gradA, gradB];
    },
    [r.a, r.b, r.output],
  );
  disposeAll(r.temporaries);
  return r.output;
}

/** Elementwise maximum; where the two are equal, the gradient is split evenly (as PyTorch). */
export function maximum(a: Operand, b: Operand): Tensor {
  return extremum('maximum', a, b);
}

/** Elementwise minimum; where the two are equal, the gradient is split evenly (as PyTorch). */
export function minimum(a: Operand, b: Operand): Tensor {
  return extremum('minimum', a, b);
}

function extremum(kernel: 'maximum' | 'minimum', a: Operand, b: Operand): Tensor {
  const r = binary(kernel, a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  recordOp(
    kernel,
    [r.a, r.b],
    r.output,
    (grad, [savedA, savedB]) => {
      const first = savedA as Tensor;
      const second = savedB as Tensor;
      const wins = kernel === 'maximum' ? greater(first, second) : greater(second, first);
      const ties = equal(first, second);
      const winWeight = where(wins, 1, 0);
      const weightA = where(ties, 0.5, winWeight);
      const weightB = sub(1, weightA);
      const gradA = mul(grad, weightA);
      const gradB = mul(grad, weightB);
      const result = [reduced(gradA, shapeA), reduced(gradB, shapeB)];
      disposeAll([wins, ties, winWeight, weightA, weightB]);
      return result;
    },
    [r.a, r.b],
  );
  disposeAll(r.temporaries);
  return r.output;
}

/** Elementwise `atan2(a, b)`, the angle of the point (b, a). */
export function atan2(a: Operand, b: Operand): Tensor {
  const r = binary('atan2', a, b);
  const [shapeA, shapeB] = [r.a.shape, r.b.shape];
  recordOp(
    'atan2',
    [r.a, r.b],
    r.output,
    (grad, [savedA, savedB]) => {
      const y = savedA as Tensor;
      const x = savedB as Tensor;
      const squareY = square(y);
      const squareX = square(x);
      const squares = add(squareY, squareX);
      const inverse = reciprocal(squares);
      const common = mul(grad, inverse);
      const gradA = mul(common, x);
      const gradBPositive = mul(common, y);
      const result = [reduced(gradA, shapeA), reduced(neg(gradBPositive), shapeB)];
      disposeAll([squareY, squareX, squares, inverse, common, gradBPositive]);
      return result;
    },
    [r.a, r.b],
  );
  disposeAll(r.temporaries);
  return r.output;
}

/** Sums a gradient down to a shape, disposing the unreduced gradient when a new tensor results. */
function reduced(grad: Tensor, shape: readonly number[]): Tensor {
  const result = sumToShape(grad, shape);
  if (result !== grad) grad.dispose();
  return result;
}

function negated(value: Tensor, keepIfSame: Tensor): Tensor {
  const result = neg(value);
  if (value !== keepIfSame) value.dispose();
  return result;
}
