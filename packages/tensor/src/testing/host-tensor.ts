import type { DType } from '../core/dtype';
import { tidy } from '../core/engine';
import type { Tensor } from '../core/tensor';

/** A tensor's values read back to the host, as plain numbers (bool as 0 and 1). */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: readonly number[];
}

/** Reads a tensor back (asynchronously, so that every backend can). */
export async function readTensor(tensor: Tensor): Promise<HostTensor> {
  const data = await tensor.data();
  return { shape: [...tensor.shape], dtype: tensor.dtype, values: Array.from(data) };
}

/**
 * Runs `build` inside `tidy`, reads back every tensor it returns and disposes them: the way a
 * conformance test computes values without leaving tensors behind.
 *
 * @example
 * const [y] = await compute(() => [exp(tensor([0, 1]))]);
 */
export async function compute(build: () => readonly Tensor[]): Promise<HostTensor[]> {
  const tensors = tidy(() => [...build()]);
  try {
    return await Promise.all(tensors.map((tensor) => readTensor(tensor)));
  } finally {
    for (const tensor of tensors) tensor.dispose();
  }
}

/** {@link compute} for one tensor. */
export async function computeOne(build: () => Tensor): Promise<HostTensor> {
  const [result] = await compute(() => [build()]);
  return result as HostTensor;
}
