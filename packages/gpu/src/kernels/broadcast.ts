import type { Shape } from '@mmpt/tensor';

/** Row-major strides of a shape, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] as number;
  }
  return strides;
}

/** The strides of an input broadcast to `output`: 0 where it has size 1 or lacks the axis. */
export function broadcastStrides(input: Shape, output: Shape): number[] {
  const own = contiguousStrides(input);
  const lead = output.length - input.length;
  return output.map((dimension, axis) => {
    if (axis < lead) return 0;
    const size = input[axis - lead] as number;
    return size === 1 && dimension !== 1 ? 0 : (own[axis - lead] as number);
  });
}

/**
 * Shortens a shape and the strides of several views of it without changing the element order:
 * drops axes of size 1 and merges neighbouring axes that every view walks contiguously. Fewer axes
 * means less index arithmetic in the kernel and fewer pipeline variants.
 */
export function collapseAxes(shape: Shape, strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const size = shape[axis] as number;
    if (size === 1) continue;
    const last = outShape.length - 1;
    const mergeable =
      last >= 0 &&
      strides.every((list, view) => {
        const previous = outStrides[view]![last] as number;
        return previous === (list[axis] as number) * size;
      });
    if (mergeable) {
      outShape[last] = (outShape[last] as number) * size;
      strides.forEach((list, view) => {
        outStrides[view]![last] = list[axis] as number;
      });
    } else {
      outShape.push(size);
      strides.forEach((list, view) => outStrides[view]!.push(list[axis] as number));
    }
  }
  return { shape: outShape, strides: outStrides };
}
