import type { DType, TypedArray } from '../core/dtype';
import { sizeOf } from '../core/shape';
import type { Backend } from '../core/backend';
import type { Tensor } from '../core/tensor';
import { fromHost } from '../ops/creation';

/**
 * Tensor data on the host, as weight files hold it: dtype, shape and values. `float16`,
 * `bfloat16` and `float64` values are converted to float32 when read, `int64` to int32.
 */
export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: TypedArray;
}

/** A state dict read from a file: parameter names to host tensors, in file order. */
export type HostStateDict = Map<string, HostTensor>;

/** Uploads a host tensor to a backend (the default backend when absent). */
export function hostToTensor(host: HostTensor, backend?: Backend): Tensor {
  if (sizeOf(host.shape) !== host.data.length) {
    throw new RangeError(`hostToTensor: ${host.data.length} values do not fit the shape [${host.shape.join(', ')}]`);
  }
  return fromHost(host.data, host.shape, host.dtype, backend ? { backend } : {});
}

/** Reads a tensor back to the host. */
export async function tensorToHost(tensor: Tensor): Promise<HostTensor> {
  return { dtype: tensor.dtype === 'float16' ? 'float32' : tensor.dtype, shape: [...tensor.shape], data: await tensor.data() };
}

/** Converts IEEE half-precision bits to a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
