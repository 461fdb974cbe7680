import { tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { add, mul } from '../arithmetic';
import { reshape } from '../reshape';

/**
 * `x * weight + bias` with weight and bias viewed as `viewShape` (either may be absent): the
 * elementwise affine step of the normalisation layers. Returns a new tensor.
 */
export function applyAffine(x: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, viewShape: readonly number[]): Tensor {
  return tidy(() => {
    let result = x;
    if (weight) result = mul(result, reshape(weight, viewShape));
    if (bias) result = add(result, reshape(bias, viewShape));
    return result === x ? reshape(x, x.shape) : result;
  });
}
