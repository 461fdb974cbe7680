import type { Tensor } from '../core/tensor';
import { Tensor as TensorClass } from '../core/tensor-methods';

/**
 * A new handle on the same storage, outside every `tidy` scope: how the graph keeps a saved
 * tensor alive whatever happens to the handle the op returned. Dispose it when done.
 */
export function shareTensor(tensor: Tensor): Tensor {
  tensor.assertAlive('save for backward');
  return new TensorClass(tensor.storage.retain(), tensor.shape, { inScope: false });
}

/** A new handle on the same storage with another shape of the same size (a zero-copy reshape). */
export function viewTensor(tensor: Tensor, shape: readonly number[]): Tensor {
  tensor.assertAlive('reshape');
  return new TensorClass(tensor.storage.retain(), shape);
}
