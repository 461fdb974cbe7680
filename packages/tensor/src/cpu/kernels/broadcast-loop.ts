import type { Shape } from '../../core/shape';
import { stridesOf } from '../../core/shape';

/**
 * The element strides of an input broadcast to an output shape: 0 on axes where the input has
 * size 1 (or lacks the axis), its own stride elsewhere.
 */
export function broadcastStrides(input: Shape, output: Shape): number[] {
  const own = stridesOf(input);
  const lead = output.length - input.length;
  return output.map((dimension, axis) => {
    if (axis < lead) return 0;
    const size = input[axis - lead] as number;
    return size === 1 && dimension !== 1 ? 0 : (own[axis - lead] as number);
  });
}

/** A loop nest with fewer axes that visits the same elements in the same order. */
export interface CollapsedLoop {
  shape: number[];
  strides: number[][];
}

/**
 * Merges the axes of a row-major loop nest where every input can be walked as one axis (its stride
 * on the outer axis is its stride on the inner axis times the inner size) and drops axes of size
 * 1, so that `[N, C, H, W]` with a per-channel `[1, C, 1, 1]` operand becomes `[N, C, H·W]` with long
 * inner rows. The visiting order of the output elements is unchanged.
 */
export function collapseLoop(shape: Shape, strides: readonly (readonly number[])[]): CollapsedLoop {
  const kept: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) if (shape[axis] !== 1) kept.push(axis);
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (const axis of kept) {
    const size = shape[axis] as number;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((list, input) => ((outStrides[input] as number[])[last] as number) === (list[axis] as number) * size);
    if (mergeable) {
      outShape[last] = (outShape[last] as number) * size;
      for (let input = 0; input < strides.length; input++) {
        const list = outStrides[input] as number[];
        list[last] = (strides[input] as number[])[axis] as number;
      }
    } else {
      outShape.push(size);
      for (let input = 0; input < strides.length; input++) (outStrides[input] as number[]).push((strides[input] as number[])[axis] as number);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `inner(outputStart, offsets, innerStrides, length)` for every row of the output, in order,
 * with the offset of the row's first element in each input (inputs broadcast by `strides`). Axes
 * are collapsed first (see {@link collapseLoop}) so that rows are as long as the layouts allow.
 */
export function forEachBroadcastRow(
  shape: Shape,
  strides: readonly (readonly number[])[],
  inner: (outputStart: number, offsets: readonly number[], innerStrides: readonly number[], length: number) => void,
): void {
  const inputs = strides.length;
  for (const dimension of shape) if (dimension === 0) return;
  const collapsed = collapseLoop(shape, strides);
  const loopShape = collapsed.shape;
  const loopStrides = collapsed.strides;
  const rank = loopShape.length;
  if (rank === 0) {
    inner(0, new Array<number>(inputs).fill(0), new Array<number>(inputs).fill(0), 1);
    return;
  }
  const length = loopShape[rank - 1] as number;
  const innerStrides = loopStrides.map((list) => list[rank - 1] as number);
  const counters = new Array<number>(rank - 1).fill(0);
  const offsets = new Array<number>(inputs).fill(0);
  let rows = 1;
  for (let axis = 0; axis < rank - 1; axis++) rows *= loopShape[axis] as number;
  for (let row = 0; row < rows; row++) {
    inner(row * length, offsets, innerStrides, length);
    for (let axis = rank - 2; axis >= 0; axis--) {
      counters[axis] = (counters[axis] as number) + 1;
      for (let input = 0; input < inputs; input++) offsets[input] = (offsets[input] as number) + ((loopStrides[input] as number[])[axis] as number);
      if ((counters[axis] as number) < (loopShape[axis] as number)) break;
      for (let input = 0; input < inputs; input++) {
        offsets[input] = (offsets[input] as number) - (counters[axis] as number) * ((loopStrides[input] as number[])[axis] as number);
      }
      counters[axis] = 0;
    }
  }
}
