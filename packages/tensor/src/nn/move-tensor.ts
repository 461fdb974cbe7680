import type { Backend } from '../core/backend';
import type { Tensor } from '../core/tensor';

/**
 * Moves a tensor's values to another backend in place: the handle keeps its identity and gets
 * new storage there (the old storage is released). Nothing happens when it is already there.
 */
export async function moveTensor(tensor: Tensor, backend: Backend): Promise<void> {
  if (tensor.backend === backend) return;
  const copy = await tensor.to(backend);
  tensor.replaceStorage(copy.storage);
  copy.dispose();
}
