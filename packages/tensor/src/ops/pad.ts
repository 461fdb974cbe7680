import { recordOp } from '../autograd/record-op';
import { formatShape } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';

/** How {@link pad} fills the border. */
export type PadMode = 'constant' | 'reflect' | 'replicate';

/**
 * Pads the last axes, as `torch.nn.functional.pad`: `padding` lists (before, after) pairs starting
 * from the LAST axis: `[left, right, top, bottom]` pads width then height of NCHW.
 *
 * @example
 * pad(images, [1, 1, 1, 1], 'reflect');
 */
export function pad(x: Tensor, padding: readonly number[], mode: PadMode = 'constant', value = 0): Tensor {
  if (padding.length % 2 !== 0 || padding.length / 2 > x.rank) {
    throw new RangeError(`pad: padding [${padding.join(', ')}] must hold (before, after) pairs for at most ${x.rank} axes`);
  }
  const before = x.shape.map(() => 0);
  const after = x.shape.map(() => 0);
  for (let pair = 0; pair < padding.length / 2; pair++) {
    const axis = x.rank - 1 - pair;
    before[axis] = padding[2 * pair] as number;
    after[axis] = padding[2 * pair + 1] as number;
    const size = x.shape[axis] as number;
    if (mode === 'reflect' && ((before[axis] as number) >= size || (after[axis] as number) >= size)) {
      throw new RangeError(`pad: reflect padding of ${before[axis]}/${after[axis]} must be smaller than the axis size ${size} (shape ${formatShape(x.shape)})`);
    }
    if (mode === 'replicate' && size === 0) throw new RangeError('pad: cannot replicate an empty axis');
  }
  if (mode === 'constant' && [...before, ...after].some((amount) => amount < 0)) {
    throw new RangeError('pad: negative padding is not supported');
  }
  const shape = x.shape.map((dimension, axis) => dimension + (before[axis] as number) + (after[axis] as number));
  const output = runKernel1('pad', [x], { shape, dtype: x.dtype }, { before, after, mode, value });
  const inputShape = x.shape;
  return recordOp('pad', [x], output, (grad) => [padBackward(grad, inputShape, before, mode)]);
}

function padBackward(grad: Tensor, inputShape: readonly number[], before: number[], mode: PadMode): Tensor {
  return runKernel1('padBackward', [grad], { shape: inputShape, dtype: grad.dtype }, { before, mode });
}
