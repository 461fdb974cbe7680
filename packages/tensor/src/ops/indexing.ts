import { recordOp } from '../autograd/record-op';
import { formatShape, normalizeAxis } from '../core/shape';
import { runKernel, runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { arange, zeros } from './creation';
import { cast } from './cast';
import { equal } from './compare';
import { disposeAll } from './operand';
import { reshape, unsqueeze } from './reshape';
import { expand } from './strided';

function checkIndex(op: string, index: Tensor): void {
  if (index.dtype !== 'int32') throw new TypeError(`${op}: the index must be int32, got ${index.dtype}`);
}

/**
 * `torch.gather`: picks values along `axis` at the positions in `index` (same rank as `x`; its
 * other dimensions must not exceed x's). Out-of-range indices are an error on the CPU backend.
 */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  checkIndex('gather', index);
  const position = normalizeAxis(axis, x.rank, 'gather');
  if (index.rank !== x.rank) throw new RangeError(`gather: index rank ${index.rank} differs from input rank ${x.rank}`);
  const output = runKernel1('gather', [x, index], { shape: index.shape, dtype: x.dtype }, { axis: position });
  const shape = x.shape;
  return recordOp(
    'gather',
    [x, null],
    output,
    (grad, [savedIndex]) => {
      const base = zeros(shape, { backend: grad.backend, dtype: grad.dtype });
      const result = scatterAdd(base, position, savedIndex as Tensor, grad);
      base.dispose();
      return [result, null];
    },
    [index],
  );
}

/** `base.scatter_add(axis, index, source)`: a copy of `base` with `source` added at the indices. */
export function scatterAdd(base: Tensor, axis: number, index: Tensor, source: Tensor): Tensor {
  checkIndex('scatterAdd', index);
  const position = normalizeAxis(axis, base.rank, 'scatterAdd');
  if (index.rank !== base.rank || source.rank !== base.rank) {
    throw new RangeError(`scatterAdd: base ${formatShape(base.shape)}, index ${formatShape(index.shape)} and source ${formatShape(source.shape)} must have one rank`);
  }
  const output = runKernel1('scatterAdd', [base, index, source], { shape: base.shape, dtype: base.dtype }, { axis: position });
  return recordOp(
    'scatterAdd',
    [base, null, source],
    output,
    (grad, [savedIndex]) => [grad, null, gather(grad, position, savedIndex as Tensor)],
    [index],
  );
}

/** Picks entries of `x` along `axis` by a 1-D int32 index, as `torch.index_select`. */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  checkIndex('indexSelect', index);
  if (index.rank !== 1) throw new RangeError(`indexSelect: the index must be 1-D, got ${formatShape(index.shape)}`);
  const position = normalizeAxis(axis, x.rank, 'indexSelect');
  const shape = x.shape.map((dimension, at) => (at === position ? index.size : dimension));
  const viewShape = x.shape.map((_, at) => (at === position ? index.size : 1));
  const column = reshape(index, viewShape);
  const full = expand(column, shape);
  const result = gather(x, position, full);
  disposeAll([column, full]);
  return result;
}

/** One-hot encodes int32 class indices into a new last axis of `numClasses` (float32). */
export function oneHot(indices: Tensor, numClasses: number): Tensor {
  checkIndex('oneHot', indices);
  const classes = arange(0, numClasses, 1, { backend: indices.backend });
  const column = unsqueeze(indices, -1);
  const hits = equal(column, classes);
  const result = cast(hits, 'float32');
  disposeAll([classes, column, hits]);
  return result;
}

/** The `k` largest (or smallest) values along the last axis, sorted, and their int32 indices. */
export function topk(x: Tensor, k: number, largest = true): { values: Tensor; indices: Tensor } {
  const last = x.shape[x.rank - 1] ?? 1;
  if (!Number.isInteger(k) || k < 0 || k > last) throw new RangeError(`topk: k = ${k} is out of range for a last axis of ${last}`);
  const shape = [...x.shape.slice(0, -1), k];
  const [values, indices] = runKernel('topk', [x], [{ shape, dtype: x.dtype }, { shape, dtype: 'int32' }], { k, largest }) as [Tensor, Tensor];
  const inputShape = x.shape;
  recordOp(
    'topk',
    [x],
    values,
    (grad, [savedIndices]) => {
      const base = zeros(inputShape, { backend: grad.backend, dtype: grad.dtype });
      const result = scatterAdd(base, -1, savedIndices as Tensor, grad);
      base.dispose();
      return [result];
    },
    [indices],
  );
  return { values, indices };
}

/** Repeats the tensor `repeats[i]` times along each axis, as `torch.Tensor.repeat`. */
export function repeat(x: Tensor, repeats: readonly number[]): Tensor {
  if (repeats.length < x.rank) throw new RangeError(`repeat: ${repeats.length} repeats for a tensor of rank ${x.rank}`);
  const lead = repeats.length - x.rank;
  const padded = [...repeats.slice(0, lead).map(() => 1), ...x.shape];
  const interleaved: number[] = [];
  const target: number[] = [];
  padded.forEach((dimension, axis) => {
    interleaved.push(1, dimension);
    target.push(repeats[axis] as number, dimension);
  });
  const viewed = reshape(x, interleaved);
  const expanded = expand(viewed, target);
  const result = reshape(expanded, padded.map((dimension, axis) => dimension * (repeats[axis] as number)));
  disposeAll([viewed, expanded]);
  return result;
}

/** Like {@link repeat}, but fewer repeats than axes apply to the last axes, as `torch.tile`. */
export function tile(x: Tensor, repeats: readonly number[]): Tensor {
  const full = repeats.length < x.rank ? [...x.shape.slice(0, x.rank - repeats.length).map(() => 1), ...repeats] : repeats;
  return repeat(x, full);
}
