import { recordOp } from '../autograd/record-op';
import { type Shape, formatShape, normalizeAxis, stridesOf } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { zeros } from './creation';
import { sumToShape } from './sum-to-shape';

function stridedCopy(x: Tensor, shape: Shape, offset: number, strides: number[]): Tensor {
  return runKernel1('stridedCopy', [x], { shape, dtype: x.dtype }, { offset, strides });
}

/**
 * Reorders the axes: output axis `i` is input axis `order[i]`.
 *
 * @example
 * permute(images, [0, 2, 3, 1]); // NCHW to NHWC
 */
export function permute(x: Tensor, order: readonly number[]): Tensor {
  if (order.length !== x.rank) throw new RangeError(`permute: order [${order.join(', ')}] does not match rank ${x.rank}`);
  const axes = order.map((axis) => normalizeAxis(axis, x.rank, 'permute'));
  if (new Set(axes).size !== axes.length) throw new RangeError(`permute: repeated axis in [${order.join(', ')}]`);
  const strides = stridesOf(x.shape);
  const output = stridedCopy(x, axes.map((axis) => x.shape[axis] as number), 0, axes.map((axis) => strides[axis] as number));
  const inverse = new Array<number>(axes.length);
  axes.forEach((axis, index) => (inverse[axis] = index));
  return recordOp('permute', [x], output, (grad) => [permute(grad, inverse)]);
}

/** Swaps two axes (the last two by default). */
export function transpose(x: Tensor, axisA = -2, axisB = -1): Tensor {
  const a = normalizeAxis(axisA, x.rank, 'transpose');
  const b = normalizeAxis(axisB, x.rank, 'transpose');
  const order = Array.from({ length: x.rank }, (_, index) => index);
  order[a] = b;
  order[b] = a;
  return permute(x, order);
}

/**
 * Broadcasts to a larger shape (axes of size 1 repeat; new leading axes are added); -1 keeps a
 * dimension. The result is a copy.
 */
export function expand(x: Tensor, shape: Shape): Tensor {
  const lead = shape.length - x.rank;
  if (lead < 0) throw new RangeError(`expand: cannot expand ${formatShape(x.shape)} to fewer dimensions ${formatShape(shape)}`);
  const sourceStrides = stridesOf(x.shape);
  const target: number[] = [];
  const strides: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const wanted = shape[axis] as number;
    const source = axis < lead ? 1 : (x.shape[axis - lead] as number);
    const size = wanted === -1 ? source : wanted;
    if (source !== size && source !== 1) {
      throw new RangeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)} (axis ${axis})`);
    }
    target.push(size);
    strides.push(axis < lead || (source === 1 && size !== 1) ? 0 : (sourceStrides[axis - lead] as number));
  }
  const output = stridedCopy(x, target, 0, strides);
  const from = x.shape;
  return recordOp('expand', [x], output, (grad) => [sumToShape(grad, from)]);
}

/** A slice of one axis: `start` and `end` (exclusive; negative counts from the end), `step`. */
export interface SliceRange {
  start?: number;
  end?: number;
  step?: number;
}

/**
 * Slices each axis by a range (or keeps it whole where the range is absent), with positive or
 * negative steps, as Python's `x[a:b:s]`.
 *
 * @example
 * slice(x, [{}, { start: 1, end: -1 }, { step: 2 }]);
 */
export function slice(x: Tensor, ranges: ReadonlyArray<SliceRange | undefined>): Tensor {
  if (ranges.length > x.rank) throw new RangeError(`slice: ${ranges.length} ranges for a tensor of rank ${x.rank}`);
  const strides = stridesOf(x.shape);
  const shape: number[] = [];
  const outputStrides: number[] = [];
  let offset = 0;
  for (let axis = 0; axis < x.rank; axis++) {
    const size = x.shape[axis] as number;
    const range = ranges[axis] ?? {};
    const step = range.step ?? 1;
    if (!Number.isInteger(step) || step === 0) throw new RangeError(`slice: invalid step ${step} on axis ${axis}`);
    const clampIndex = (value: number, low: number, high: number) => Math.min(Math.max(value < 0 ? value + size : value, low), high);
    let start: number;
    let end: number;
    if (step > 0) {
      start = range.start === undefined ? 0 : clampIndex(range.start, 0, size);
      end = range.end === undefined ? size : clampIndex(range.end, 0, size);
    } else {
      start = range.start === undefined ? size - 1 : clampIndex(range.start, -1, size - 1);
      end = range.end === undefined ? -1 : clampIndex(range.end, -1, size - 1);
    }
    const length = Math.max(0, Math.ceil((end - start) / step));
    shape.push(length);
    outputStrides.push((strides[axis] as number) * step);
    if (length > 0) offset += start * (strides[axis] as number);
  }
  const output = stridedCopy(x, shape, offset, outputStrides);
  const from = x.shape;
  return recordOp('slice', [x], output, (grad) => [sliceBackward(grad, from, offset, outputStrides)]);
}

/** Scatters a slice's gradient into zeros of the input's shape. */
function sliceBackward(grad: Tensor, shape: Shape, offset: number, strides: number[]): Tensor {
  const base = zeros(shape, { backend: grad.backend, dtype: grad.dtype });
  const result = runKernel1('stridedScatterAdd', [base, grad], { shape, dtype: grad.dtype }, { offset, strides });
  base.dispose();
  return result;
}

/** Reverses the order of elements along the given axes. */
export function flip(x: Tensor, axes: number | readonly number[]): Tensor {
  const list = (typeof axes === 'number' ? [axes] : axes).map((axis) => normalizeAxis(axis, x.rank, 'flip'));
  return slice(x, Array.from({ length: x.rank }, (_, axis) => (list.includes(axis) ? { step: -1 } : undefined)));
}
