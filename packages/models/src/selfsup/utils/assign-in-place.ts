import type { Tensor } from '@mmpt/tensor';

/**
 * Writes `value` into `target` in place, as PyTorch's `target.copy_(value)`: the target keeps its
 * identity (the modules and optimizers holding it stay valid) and takes over `value`'s storage.
 * `value` stays a separate handle that its owner (usually the enclosing `tidy`) disposes.
 */
export function assignInPlace(target: Tensor, value: Tensor): void {
  if (target === value) return;
  if (target.shape.length !== value.shape.length || target.shape.some((size, axis) => size !== value.shape[axis])) {
    throw new RangeError(`assignInPlace: the target has shape [${target.shape.join(', ')}] but the value has shape [${value.shape.join(', ')}]`);
  }
  target.replaceStorage(value.storage);
}
