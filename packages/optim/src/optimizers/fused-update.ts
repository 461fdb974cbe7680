import type { Tensor } from '@mmpt/tensor';

/**
 * Whether a parameter's update can run the backend's fused optimizer kernel `kernel`
 * (`'sgdUpdate'`, `'adamUpdate'`): the backend has it and the gradient and state tensors share
 * the parameter's backend, dtype and shape. Otherwise the update runs as a composite of tensor ops.
 */
export function canFuseUpdate(kernel: 'sgdUpdate' | 'adamUpdate', param: Tensor, others: ReadonlyArray<Tensor | null | undefined>): boolean {
  if (!param.backend.hasKernel(kernel)) return false;
  return others.every(
    (other) =>
      !other ||
      (other.backend === param.backend &&
        other.dtype === param.dtype &&
        other.shape.length === param.shape.length &&
        other.shape.every((size, axis) => size === param.shape[axis])),
  );
}

/** A state entry as a tensor, or undefined when it holds none (absent, null, or a number). */
export function stateTensor(value: unknown): Tensor | undefined {
  return value !== null && typeof value === 'object' ? (value as Tensor) : undefined;
}
