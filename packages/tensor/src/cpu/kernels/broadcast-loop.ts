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

/**
 * Calls `body(outputIndex, offsets)` for every output element, in order, with the offset of the
 * matching element of each input (inputs broadcast by `strides`). The innermost axis is walked in
 * a tight loop by `inner(outputStart, offsets, innerStrides, length)`.
 */
export function forEachBroadcastRow(
  shape: Shape,
  strides: readonly (readonly number[])[],
  inner: (outputStart: number, offsets: readonly number[], innerStrides: readonly number[], length: number) => void,
): void {
  const rank = shape.length;
  const inputs = strides.length;
  if (rank === 0) {
    inner(0, new Array<number>(inputs).fill(0), new Array<number>(inputs).fill(0), 1);
    return;
  }
  const length = shape[rank - 1] as number;
  if (length === 0) return;
  const innerStrides = strides.map((list) => list[rank - 1] as number);
  const counters = new Array<number>(rank - 1).fill(0);
  const offsets = new Array<number>(inputs).fill(0);
  let rows = 1;
  for (let axis = 0; axis < rank - 1; axis++) rows *= shape[axis] as number;
  for (let row = 0; row < rows; row++) {
    inner(row * length, offsets, innerStrides, length);
    for (let axis = rank - 2; axis >= 0; axis--) {
      counters[axis] = (counters[axis] as number) + 1;
      for (let input = 0; input < inputs; input++) offsets[input] = (offsets[input] as number) + ((strides[input] as number[])[axis] as number);
      if ((counters[axis] as number) < (shape[axis] as number)) break;
      for (let input = 0; input < inputs; input++) {
        offsets[input] = (offsets[input] as number) - (counters[axis] as number) * ((strides[input] as number[])[axis] as number);
      }
      counters[axis] = 0;
    }
  }
}
