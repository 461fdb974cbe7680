import { type Tensor, cast, oneHot, reshape, tidy } from '@mmpt/tensor';

/**
 * The float `[N, C]` target of a loss: class indices (`[N]` or `[N, 1]`, any dtype) become one-hot
 * vectors (MMPretrain's `convert_to_one_hot`); `[N, C]` scores are cast to float32.
 */
export function oneHotTarget(label: Tensor, numClasses: number, owner: string): Tensor {
  return tidy(() => {
    const isIndex = label.rank === 1 || (label.rank === 2 && label.shape[1] === 1 && numClasses !== 1);
    if (!isIndex) {
      if (label.rank !== 2 || label.shape[1] !== numClasses) throw new RangeError(`${owner}: expected [N] class indices or [N, ${numClasses}] targets, got [${label.shape.join(', ')}]`);
      return label.dtype === 'float32' ? label.add(0) : cast(label, 'float32');
    }
    const indices = cast(reshape(label, [-1]), 'int32');
    const values = indices.dataSync();
    for (const value of values) {
      if (value < 0 || value >= numClasses) throw new RangeError(`${owner}: the label ${value} is outside 0..${numClasses - 1}`);
    }
    return cast(oneHot(indices, numClasses), 'float32');
  });
}
