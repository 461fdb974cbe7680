import { type Tensor, flatten, mean, tidy } from '@mmpt/tensor';

/**
 * `AdaptiveAvgPool2d((1, 1))` (when `withAvgPool`) followed by `x.view(N, -1)`: the vector of each
 * sample for the MLP necks. `owner` names the neck in errors.
 */
export function poolAndFlatten(x: Tensor, withAvgPool: boolean, owner: string): Tensor {
  if (withAvgPool && x.rank !== 4) throw new RangeError(`${owner}: with_avg_pool expects NCHW features, got shape [${x.shape.join(', ')}]`);
  if (!withAvgPool && x.rank === 2) return x;
  return tidy(() => flatten(withAvgPool ? mean(x, [2, 3], true) : x, 1));
}
