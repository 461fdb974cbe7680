import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { reshape } from '../reshape';

/**
 * Runs a 4-D (NCHW) op on a 4-D input, or on a 3-D (CHW) input as a batch of one, as PyTorch's
 * unbatched inputs; other ranks and non-float inputs are errors naming the op.
 */
export function withBatchAxis(op: string, x: Tensor, run: (input: Tensor) => Tensor): Tensor {
  if (x.dtype !== 'float32' && x.dtype !== 'float16') {
    throw new TypeError(`${op}: the input must be a floating-point tensor, got ${x.dtype}`);
  }
  if (x.rank === 4) return run(x);
  if (x.rank !== 3) throw new RangeError(`${op}: expected a 3-D (C, H, W) or 4-D (N, C, H, W) input, got shape ${formatShape(x.shape)}`);
  const batched = reshape(x, [1, ...x.shape]);
  const output = run(batched);
  const result = reshape(output, output.shape.slice(1));
  batched.dispose();
  output.dispose();
  return result;
}
