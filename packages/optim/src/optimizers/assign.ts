import type { Tensor } from '@mmpt/tensor';

/**
 * Writes `value` into `target` in place, as PyTorch's in-place updates (`param.add_(...)`): the
 * target keeps its identity (modules, optimizers and schedulers that hold it stay valid) and takes
 * over the storage of `value`. `value` stays a separate handle for its owner (usually the `tidy`
 * scope of the update) to dispose.
 */
export function assign(target: Tensor, value: Tensor): void {
  if (target === value) return;
  target.replaceStorage(value.storage);
}
