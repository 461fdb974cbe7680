import { recordOp } from '../autograd/record-op';
import { viewTensor } from '../autograd/share-tensor';
import type { Backend } from '../core/backend';
import { runKernel1 } from '../core/run-kernel';
import { stridesOf } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { fromHost } from './creation';

/** A new handle on the same storage, not part of any graph. */
export function detach(x: Tensor): Tensor {
  return viewTensor(x, x.shape);
}

/** A copy of `x` in new storage on the same backend; gradients pass through. */
export function clone(x: Tensor): Tensor {
  const output = runKernel1('stridedCopy', [x], { shape: x.shape, dtype: x.dtype }, { offset: 0, strides: stridesOf(x.shape) });
  return recordOp('clone', [x], output, (grad) => [grad]);
}

/**
 * A copy of `x` on another backend. The copy is a leaf: moving between devices is not part of the
 * graph (call it before building the graph, as with `module.to(...)`).
 */
export async function copyTo(x: Tensor, backend: Backend): Promise<Tensor> {
  const host = await x.data();
  const result = fromHost(host, x.shape, x.dtype, { backend });
  result.requiresGrad = x.requiresGrad && x.isLeaf;
  return result;
}
