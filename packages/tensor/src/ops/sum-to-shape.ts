import { shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { reshape } from './reshape';
import { sum } from './reduce';

/**
 * Sums a broadcast gradient back to the shape of the operand it came from: leading axes the
 * operand lacks and axes where it has size 1 are summed. Returns `grad` itself when the shapes
 * already match.
 */
export function sumToShape(grad: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < grad.rank; axis++) {
    if (axis < lead || (shape[axis - lead] === 1 && grad.shape[axis] !== 1)) axes.push(axis);
  }
  const summed = sum(grad, axes, true);
  const result = reshape(summed, shape);
  summed.dispose();
  return result;
}
