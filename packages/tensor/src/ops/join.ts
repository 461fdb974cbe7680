import { recordOp } from '../autograd/record-op';
import { promoteTypes } from '../core/dtype';
import { formatShape, normalizeAxis } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { cast } from './cast';
import { disposeAll } from './operand';
import { unsqueeze } from './reshape';
import { slice } from './strided';

/**
 * Joins tensors along an existing axis; all other dimensions must agree.
 *
 * @example
 * concat([a, b], 1);
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const first = tensors[0];
  if (!first) throw new RangeError('concat: no tensors to join');
  const position = normalizeAxis(axis, first.rank, 'concat');
  for (const [index, item] of tensors.entries()) {
    const mismatch = item.rank !== first.rank || item.shape.some((dimension, at) => at !== position && dimension !== first.shape[at]);
    if (mismatch) {
      throw new RangeError(`concat: tensor ${index} has shape ${formatShape(item.shape)}, which does not match ${formatShape(first.shape)} outside axis ${position}`);
    }
  }
  const dtype = tensors.reduce((current, item) => promoteTypes(current, item.dtype), first.dtype);
  const inputs = tensors.map((item) => (item.dtype === dtype ? item : cast(item, dtype)));
  const shape = [...first.shape];
  shape[position] = tensors.reduce((total, item) => total + (item.shape[position] as number), 0);
  const output = runKernel1('concat', inputs, { shape, dtype }, { axis: position });
  const sizes = inputs.map((item) => item.shape[position] as number);
  recordOp('concat', inputs, output, (grad) => splitBySizes(grad, sizes, position));
  disposeAll(inputs.filter((item, index) => item !== tensors[index]));
  return output;
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const first = tensors[0];
  if (!first) throw new RangeError('stack: no tensors to join');
  for (const [index, item] of tensors.entries()) {
    if (item.shape.length !== first.rank || item.shape.some((dimension, at) => dimension !== first.shape[at])) {
      throw new RangeError(`stack: tensor ${index} has shape ${formatShape(item.shape)}, expected ${formatShape(first.shape)}`);
    }
  }
  const position = axis < 0 ? axis + first.rank + 1 : axis;
  const expanded = tensors.map((item) => unsqueeze(item, position));
  const result = concat(expanded, position);
  disposeAll(expanded);
  return result;
}

function splitBySizes(x: Tensor, sizes: readonly number[], axis: number): Tensor[] {
  let start = 0;
  return sizes.map((size) => {
    const ranges = x.shape.map((_, at) => (at === axis ? { start, end: start + size } : undefined));
    start += size;
    return slice(x, ranges);
  });
}

/**
 * Splits along an axis into pieces of `sizeOrSizes` elements (the last may be smaller), or into
 * pieces of the listed sizes, as `torch.split`.
 */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const position = normalizeAxis(axis, x.rank, 'split');
  const length = x.shape[position] as number;
  let sizes: number[];
  if (typeof sizeOrSizes === 'number') {
    if (!(sizeOrSizes > 0)) throw new RangeError(`split: size must be positive, got ${sizeOrSizes}`);
    sizes = [];
    for (let start = 0; start < length; start += sizeOrSizes) sizes.push(Math.min(sizeOrSizes, length - start));
  } else {
    sizes = [...sizeOrSizes];
    const total = sizes.reduce((sum, size) => sum + size, 0);
    if (total !== length) throw new RangeError(`split: sizes [${sizes.join(', ')}] add up to ${total}, not ${length}`);
  }
  return splitBySizes(x, sizes, position);
}

/** Splits into `chunks` pieces of equal size (the last may be smaller), as `torch.chunk`. */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  const position = normalizeAxis(axis, x.rank, 'chunk');
  const size = Math.ceil((x.shape[position] as number) / chunks);
  return split(x, Math.max(size, 1), position);
}

/** Rolls elements along an axis by `shift` positions (wrapping around). */
export function roll(x: Tensor, shift: number, axis: number): Tensor {
  const position = normalizeAxis(axis, x.rank, 'roll');
  const length = x.shape[position] as number;
  if (length === 0) return slice(x, []);
  const offset = ((shift % length) + length) % length;
  if (offset === 0) return slice(x, []);
  const [head, tail] = splitBySizes(x, [length - offset, offset], position) as [Tensor, Tensor];
  const result = concat([tail, head], position);
  disposeAll([head, tail]);
  return result;
}
