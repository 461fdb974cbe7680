import { recordOp } from '../autograd/record-op';
import { type DType, isFloating } from '../core/dtype';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';

/**
 * Converts to another dtype (bool: non-zero is true; float to int truncates toward zero). A cast
 * between floating dtypes passes gradients through.
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  const output = runKernel1('cast', [x], { shape: x.shape, dtype }, {});
  if (!isFloating(x.dtype)) return output;
  const from = x.dtype;
  return recordOp('cast', [x], output, (grad) => [cast(grad, from)]);
}
