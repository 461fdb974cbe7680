import { recordOp } from '../autograd/record-op';
import type { ComparisonKernel, LogicalKernel } from '../core/kernel-contracts';
import { broadcastShapes } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { cast } from './cast';
import { scalarLike, zerosLike } from './creation';
import { type Operand, binaryOperands, disposeAll } from './operand';
import { sumToShape } from './sum-to-shape';

function compare(kernel: ComparisonKernel, a: Operand, b: Operand): Tensor {
  const operands = binaryOperands(kernel, a, b);
  const shape = broadcastShapes(operands.a.shape, operands.b.shape, kernel);
  const output = runKernel1(kernel, [operands.a, operands.b], { shape, dtype: 'bool' }, {});
  disposeAll(operands.temporaries);
  return output;
}

/** `a == b` elementwise, as bool. */
export function equal(a: Operand, b: Operand): Tensor {
  return compare('equal', a, b);
}

/** `a != b` elementwise, as bool. */
export function notEqual(a: Operand, b: Operand): Tensor {
  return compare('notEqual', a, b);
}

/** `a < b` elementwise, as bool. */
export function less(a: Operand, b: Operand): Tensor {
  return compare('less', a, b);
}

/** `a <= b` elementwise, as bool. */
export function lessEqual(a: Operand, b: Operand): Tensor {
  return compare('lessEqual', a, b);
}

/** `a > b` elementwise, as bool. */
export function greater(a: Operand, b: Operand): Tensor {
  return compare('greater', a, b);
}

/** `a >= b` elementwise, as bool. */
export function greaterEqual(a: Operand, b: Operand): Tensor {
  return compare('greaterEqual', a, b);
}

function logical(kernel: LogicalKernel, a: Tensor, b: Tensor): Tensor {
  const left = a.dtype === 'bool' ? a : cast(a, 'bool');
  const right = b.dtype === 'bool' ? b : cast(b, 'bool');
  const shape = broadcastShapes(left.shape, right.shape, kernel);
  const output = runKernel1(kernel, [left, right], { shape, dtype: 'bool' }, {});
  if (left !== a) left.dispose();
  if (right !== b) right.dispose();
  return output;
}

/** Elementwise AND of truth values. */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return logical('logicalAnd', a, b);
}

/** Elementwise OR of truth values. */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return logical('logicalOr', a, b);
}

/** Elementwise XOR of truth values. */
export function logicalXor(a: Tensor, b: Tensor): Tensor {
  return logical('logicalXor', a, b);
}

/** Elementwise NOT of truth values. */
export function logicalNot(x: Tensor): Tensor {
  return runKernel1('logicalNot', [x], { shape: x.shape, dtype: 'bool' }, {});
}

/** Whether each element is NaN. */
export function isNan(x: Tensor): Tensor {
  return runKernel1('isNan', [x], { shape: x.shape, dtype: 'bool' }, {});
}

/**
 * Picks `a` where `condition` is true and `b` elsewhere, with broadcasting of all three.
 *
 * @example
 * where(greater(x, 0), x, 0); // relu
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  if (typeof a === 'number' && typeof b === 'number') {
    // Two numbers: int32 when both are integers, else float32 (as torch.where's default dtypes).
    const dtype = Number.isInteger(a) && Number.isInteger(b) ? 'int32' : 'float32';
    const first = scalarLike(condition, a, dtype);
    const result = where(condition, first, b);
    first.dispose();
    return result;
  }
  const operands = binaryOperands('where', a, b);
  const mask = condition.dtype === 'bool' ? condition : cast(condition, 'bool');
  const shape = broadcastShapes(broadcastShapes(mask.shape, operands.a.shape, 'where'), operands.b.shape, 'where');
  const output = runKernel1('where', [mask, operands.a, operands.b], { shape, dtype: operands.dtype }, {});
  const [shapeA, shapeB] = [operands.a.shape, operands.b.shape];
  recordOp(
    'where',
    [null, operands.a, operands.b],
    output,
    (grad, [savedMask]) => {
      const zeros = zerosLike(grad);
      const fromA = where(savedMask as Tensor, grad, zeros);
      const fromB = where(savedMask as Tensor, zeros, grad);
      zeros.dispose();
      const gradA = sumToShape(fromA, shapeA);
      const gradB = sumToShape(fromB, shapeB);
      if (gradA !== fromA) fromA.dispose();
      if (gradB !== fromB) fromB.dispose();
      return [null, gradA, gradB];
    },
    [mask],
  );
  if (mask !== condition) mask.dispose();
  disposeAll(operands.temporaries);
  return output;
}
