import { broadcastShapes, normalizeAxes, sizeOf, stridesOf } from '../core/shape';
import { Generator } from '../random/generator';

/**
 * Plain float64 implementations of the core ops' semantics, on the host, that the conformance
 * tests compare backends with. They favour obviousness over speed.
 */
export interface HostArray {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** `count` float32 values uniform in [low, high), rounded to 1/1024, from a seed. */
export function seededValues(count: number, seed: number, low = -2, high = 2): number[] {
  const generator = new Generator(seed);
  return Array.from({ length: count }, () => Math.round((low + (high - low) * generator.uniform()) * 1024) / 1024);
}

/** A host array of seeded values (see {@link seededValues}). */
export function seededArray(shape: readonly number[], seed: number, low = -2, high = 2): HostArray {
  return { shape, values: seededValues(sizeOf(shape), seed, low, high) };
}

/** Distinct values `(k - offset) * scale` for a shuffled k, for order-dependent ops. */
export function distinctArray(shape: readonly number[], seed: number, scale = 0.25): HostArray {
  const count = sizeOf(shape);
  const order = Array.from({ length: count }, (_, index) => index);
  const generator = new Generator(seed);
  for (let index = count - 1; index > 0; index--) {
    const other = generator.integer(0, index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return { shape, values: order.map((value) => (value - (count - 1) / 2) * scale) };
}

/** The coordinates of a flat row-major index. */
export function coordinatesOf(flat: number, shape: readonly number[]): number[] {
  const coordinates = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] as number;
    coordinates[axis] = rest % size;
    rest = Math.floor(rest / size);
  }
  return coordinates;
}

/** The flat index of the element of `shape` that broadcasts to `coordinates` of a larger shape. */
function broadcastIndex(coordinates: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  const lead = coordinates.length - shape.length;
  let index = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    const size = shape[axis] as number;
    index += (size === 1 ? 0 : (coordinates[axis + lead] as number)) * (strides[axis] as number);
  }
  return index;
}

/** An elementwise function of broadcast operands. */
export function hostBroadcast(operands: readonly HostArray[], fn: (...values: number[]) => number): HostArray {
  const shape = operands.reduce<number[]>((current, operand) => broadcastShapes(current, operand.shape), []);
  const values = Array.from({ length: sizeOf(shape) }, (_, flat) => {
    const coordinates = coordinatesOf(flat, shape);
    return fn(...operands.map((operand) => operand.values[broadcastIndex(coordinates, operand.shape)] as number));
  });
  return { shape, values };
}

/**
 * A reduction: `fold` receives the values of each reduced group in row-major order of the
 * reduced axes (all axes when `axes` is undefined).
 */
export function hostReduce(input: HostArray, axes: number | readonly number[] | undefined, keepdim: boolean, fold: (values: number[]) => number): HostArray {
  const list = normalizeAxes(axes, input.shape.length);
  const keptShape = input.shape.map((size, axis) => (list.includes(axis) ? 1 : size));
  const groups: number[][] = Array.from({ length: sizeOf(keptShape) }, () => []);
  const keptStrides = stridesOf(keptShape);
  input.values.forEach((value, flat) => {
    const coordinates = coordinatesOf(flat, input.shape);
    let target = 0;
    coordinates.forEach((coordinate, axis) => {
      if (!list.includes(axis)) target += coordinate * (keptStrides[axis] as number);
    });
    (groups[target] as number[]).push(value);
  });
  const shape = keepdim ? keptShape : input.shape.filter((_, axis) => !list.includes(axis));
  return { shape, values: groups.map(fold) };
}

/** Axis permutation: output axis `i` is input axis `order[i]`. */
export function hostPermute(input: HostArray, order: readonly number[]): HostArray {
  const shape = order.map((axis) => input.shape[axis] as number);
  const strides = stridesOf(input.shape);
  const values = Array.from({ length: sizeOf(shape) }, (_, flat) => {
    const coordinates = coordinatesOf(flat, shape);
    let index = 0;
    coordinates.forEach((coordinate, axis) => (index += coordinate * (strides[order[axis] as number] as number)));
    return input.values[index] as number;
  });
  return { shape, values };
}

/** Swaps the last two axes. */
export function hostTranspose(input: HostArray): HostArray {
  const order = input.shape.map((_, axis) => axis);
  const rank = order.length;
  [order[rank - 2], order[rank - 1]] = [order[rank - 1] as number, order[rank - 2] as number];
  return hostPermute(input, order);
}

/** NumPy's matmul of at least 2-D operands (leading axes broadcast), in float64. */
export function hostMatmul(a: HostArray, b: HostArray): HostArray {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1] as number;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const shape = [...batch, m, n];
  const values = Array.from({ length: sizeOf(shape) }, (_, flat) => {
    const coordinates = coordinatesOf(flat, shape);
    const row = coordinates[coordinates.length - 2] as number;
    const column = coordinates[coordinates.length - 1] as number;
    const batchCoordinates = coordinates.slice(0, -2);
    let total = 0;
    for (let inner = 0; inner < k; inner++) {
      const left = a.values[broadcastIndex([...batchCoordinates, row, inner], a.shape)] as number;
      const right = b.values[broadcastIndex([...batchCoordinates, inner, column], b.shape)] as number;
      total += left * right;
    }
    return total;
  });
  return { shape, values };
}

/** Inclusive cumulative sum along an axis (from the end when `reverse`). */
export function hostCumsum(input: HostArray, axis: number, reverse: boolean): HostArray {
  const position = axis < 0 ? axis + input.shape.length : axis;
  const strides = stridesOf(input.shape);
  const size = input.shape[position] as number;
  const stride = strides[position] as number;
  const values = input.values.map((_, flat) => {
    const coordinate = coordinatesOf(flat, input.shape)[position] as number;
    const base = flat - coordinate * stride;
    let total = 0;
    const [from, to] = reverse ? [coordinate, size - 1] : [0, coordinate];
    for (let index = from; index <= to; index++) total += input.values[base + index * stride] as number;
    return total;
  });
  return { shape: input.shape, values };
}
