import { recordOp } from '../autograd/record-op';
import { viewTensor } from '../autograd/share-tensor';
import { type Shape, formatShape, normalizeAxis, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';

/**
 * The same data with another shape (no copy: tensors are always contiguous). One dimension may be
 * -1 and is inferred.
 *
 * @example
 * reshape(x, [x.shape[0], -1]);
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const resolved = resolveShape(x, shape);
  const from = x.shape;
  const output = viewTensor(x, resolved);
  return recordOp('reshape', [x], output, (grad) => [reshape(grad, from)]);
}

function resolveShape(x: Tensor, shape: Shape): number[] {
  const inferred = shape.filter((dimension) => dimension === -1).length;
  if (inferred > 1) throw new RangeError(`reshape: only one dimension can be -1 in ${formatShape(shape)}`);
  const known = sizeOf(shape.filter((dimension) => dimension !== -1));
  const resolved = shape.map((dimension) => {
    if (dimension === -1) {
      if (known === 0 || x.size % known !== 0) {
        throw new RangeError(`reshape: cannot infer -1 in ${formatShape(shape)} for ${x.size} elements (shape ${formatShape(x.shape)})`);
      }
      return x.size / known;
    }
    if (!Number.isInteger(dimension) || dimension < 0) throw new RangeError(`reshape: invalid shape ${formatShape(shape)}`);
    return dimension;
  });
  if (sizeOf(resolved) !== x.size) {
    throw new RangeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
  }
  return resolved;
}

/** Merges axes `startAxis..endAxis` into one. */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const start = normalizeAxis(startAxis, x.rank, 'flatten');
  const end = normalizeAxis(endAxis, x.rank, 'flatten');
  if (start > end) throw new RangeError(`flatten: startAxis ${startAxis} comes after endAxis ${endAxis}`);
  const merged = sizeOf(x.shape.slice(start, end + 1));
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}

/** Removes axes of size 1 (all of them, or the given ones). */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  const list = axes === undefined ? undefined : (typeof axes === 'number' ? [axes] : axes).map((axis) => normalizeAxis(axis, x.rank, 'squeeze'));
  const shape = x.shape.filter((dimension, axis) => !(dimension === 1 && (list === undefined || list.includes(axis))));
  return reshape(x, shape);
}

/** Inserts an axis of size 1 at `axis` (which may be `rank` to append). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const position = axis < 0 ? axis + x.rank + 1 : axis;
  if (position < 0 || position > x.rank) throw new RangeError(`unsqueeze: axis ${axis} is out of range for rank ${x.rank}`);
  return reshape(x, [...x.shape.slice(0, position), 1, ...x.shape.slice(position)]);
}
