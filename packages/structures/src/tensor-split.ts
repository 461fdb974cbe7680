import { type Tensor, slice } from '@mmpt/tensor';

/**
 * Splits a tensor along an axis, as `torch.tensor_split`: at the given indices (each piece runs to
 * the next index; indices past the end give empty pieces), or into `sections` nearly equal pieces
 * (the first `size % sections` pieces are one longer). The caller owns (and disposes) the pieces.
 *
 * @example
 * tensorSplit(labels, [2, 5]); // labels[0:2], labels[2:5], labels[5:]
 * tensorSplit(x, 3, 1); // three pieces along axis 1
 */
export function tensorSplit(x: Tensor, indicesOrSections: number | readonly number[], axis = 0): Tensor[] {
  const position = axis < 0 ? axis + x.rank : axis;
  if (!Number.isInteger(position) || position < 0 || position >= x.rank) {
    throw new RangeError(`tensorSplit: axis ${axis} is out of range for a tensor of rank ${x.rank}`);
  }
  const length = x.shape[position] as number;
  let indices: number[];
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0) {
      throw new RangeError(`tensorSplit: the number of sections must be a positive integer, got ${sections}`);
    }
    const base = Math.floor(length / sections);
    const extra = length % sections;
    indices = [];
    let start = 0;
    for (let index = 0; index < sections - 1; index++) {
      start += base + (index < extra ? 1 : 0);
      indices.push(start);
    }
  } else {
    indices = [...indicesOrSections];
    for (const index of indices) {
      if (!Number.isInteger(index)) throw new RangeError(`tensorSplit: split indices must be integers, got ${index}`);
    }
  }
  const clamp = (index: number) => Math.min(Math.max(index < 0 ? index + length : index, 0), length);
  const bounds = [0, ...indices.map(clamp), length];
  const pieces: Tensor[] = [];
  for (let index = 0; index + 1 < bounds.length; index++) {
    const start = bounds[index] as number;
    const end = Math.max(start, bounds[index + 1] as number);
    const ranges = Array.from({ length: x.rank }, (_, dimension) => (dimension === position ? { start, end } : undefined));
    pieces.push(slice(x, ranges));
  }
  return pieces;
}
