/** A tensor shape: the size of each dimension. */
export type Shape = readonly number[];

/** The number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/** Row-major (C-contiguous) strides of a shape, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] as number;
  }
  return strides;
}

/** Whether two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dimension, axis) => dimension === b[axis]);
}

/** Formats a shape for messages: `[2, 3, 4]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/**
 * The shape two shapes broadcast to, with NumPy's rules: trailing dimensions are aligned, and each
 * pair must be equal or contain a 1.
 */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcast'): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let index = 0; index < rank; index++) {
    const da = a[a.length - rank + index] ?? 1;
    const db = b[b.length - rank + index] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[index] = da === 1 ? db : da;
  }
  return out;
}

/** Normalizes a possibly negative axis for a tensor of `rank` dimensions. */
export function normalizeAxis(axis: number, rank: number, op = 'axis'): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || normalized < 0 || normalized >= Math.max(rank, 1)) {
    throw new RangeError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return normalized;
}

/** Normalizes a list of axes (or all axes when undefined), sorted and without duplicates. */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number, op = 'axes'): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, index) => index);
  const list = typeof axes === 'number' ? [axes] : axes;
  const normalized = list.map((axis) => normalizeAxis(axis, rank, op));
  if (new Set(normalized).size !== normalized.length) throw new RangeError(`${op}: repeated axis in [${list.join(', ')}]`);
  return normalized.sort((x, y) => x - y);
}

/** Checks that a shape holds non-negative integers. */
export function checkShape(shape: Shape, op = 'shape'): void {
  for (const dimension of shape) {
    if (!Number.isInteger(dimension) || dimension < 0) {
      throw new RangeError(`${op}: invalid shape ${formatShape(shape)}: dimensions are non-negative integers`);
    }
  }
}
