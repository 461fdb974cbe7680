import { type BackwardOptions, backward } from '../autograd/backward';
import { add, div, maximum, minimum, mul, pow, sub } from '../ops/arithmetic';
import { cast } from '../ops/cast';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from '../ops/compare';
import { matmul } from '../ops/matmul';
import type { Operand } from '../ops/operand';
import { type Axes, argmax, argmin, max, mean, min, sum } from '../ops/reduce';
import { flatten, reshape, squeeze, unsqueeze } from '../ops/reshape';
import { type SliceRange, expand, permute, slice, transpose } from '../ops/strided';
import { abs, exp, log, neg, relu, sigmoid, sqrt, square, tanh } from '../ops/unary';
import { copyTo, detach } from '../ops/copy';
import type { Backend } from './backend';
import type { DType } from './dtype';
import type { Shape } from './shape';
import { TensorBase } from './tensor';

/**
 * A tensor: an n-dimensional array on a backend, with autograd. Every op is a function
 * (`add(a, b)`) and the common ones are also methods (`a.add(b)`).
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * const y = x.mul(x).sum();
 * y.backward();
 * x.grad?.arraySync(); // [[2, 4], [6, 8]]
 */
export class Tensor extends TensorBase {
  declare grad: Tensor | null;

  /** Runs backpropagation from this tensor (see {@link backward}). */
  backward(gradient?: Tensor, options?: BackwardOptions): void {
    backward(this, gradient, options);
  }

  /** A new handle on the same data, cut from the graph. */
  detach(): Tensor {
    return detach(this);
  }

  /** A copy on another backend (async because a GPU copy reads back). */
  to(backend: Backend): Promise<Tensor> {
    return copyTo(this, backend);
  }

  add(other: Operand): Tensor { return add(this, other); }
  sub(other: Operand): Tensor { return sub(this, other); }
  mul(other: Operand): Tensor { return mul(this, other); }
  div(other: Operand): Tensor { return div(this, other); }
  pow(other: Operand): Tensor { return pow(this, other); }
  maximum(other: Operand): Tensor { return maximum(this, other); }
  minimum(other: Operand): Tensor { return minimum(this, other); }
  matmul(other: Tensor): Tensor { return matmul(this, other); }
  neg(): Tensor { return neg(this); }
  abs(): Tensor { return abs(this); }
  exp(): Tensor { return exp(this); }
  log(): Tensor { return log(this); }
  sqrt(): Tensor { return sqrt(this); }
  square(): Tensor { return square(this); }
  relu(): Tensor { return relu(this); }
  sigmoid(): Tensor { return sigmoid(this); }
  tanh(): Tensor { return tanh(this); }
  eq(other: Operand): Tensor { return equal(this, other); }
  ne(other: Operand): Tensor { return notEqual(this, other); }
  lt(other: Operand): Tensor { return less(this, other); }
  le(other: Operand): Tensor { return lessEqual(this, other); }
  gt(other: Operand): Tensor { return greater(this, other); }
  ge(other: Operand): Tensor { return greaterEqual(this, other); }
  sum(axes?: Axes, keepdim = false): Tensor { return sum(this, axes, keepdim); }
  mean(axes?: Axes, keepdim = false): Tensor { return mean(this, axes, keepdim); }
  max(axes?: Axes, keepdim = false): Tensor { return max(this, axes, keepdim); }
  min(axes?: Axes, keepdim = false): Tensor { return min(this, axes, keepdim); }
  argmax(axis?: number, keepdim = false): Tensor { return argmax(this, axis, keepdim); }
  argmin(axis?: number, keepdim = false): Tensor { return argmin(this, axis, keepdim); }
  reshape(shape: Shape): Tensor { return reshape(this, shape); }
  flatten(startAxis = 0, endAxis = -1): Tensor { return flatten(this, startAxis, endAxis); }
  squeeze(axes?: number | readonly number[]): Tensor { return squeeze(this, axes); }
  unsqueeze(axis: number): Tensor { return unsqueeze(this, axis); }
  permute(order: readonly number[]): Tensor { return permute(this, order); }
  transpose(axisA = -2, axisB = -1): Tensor { return transpose(this, axisA, axisB); }
  expand(shape: Shape): Tensor { return expand(this, shape); }
  slice(ranges: ReadonlyArray<SliceRange | undefined>): Tensor { return slice(this, ranges); }
  cast(dtype: DType): Tensor { return cast(this, dtype); }
}
