import { LayerNorm, type Tensor, layerNorm, permute, tidy } from '@mmpt/tensor';

/**
 * MMPretrain's `LayerNorm2d` (`LN2d`): a LayerNorm over the channels of NCHW feature maps (or of
 * NHWC ones with `channelLast`), with the `weight` and `bias` of a LayerNorm.
 */
export class LayerNorm2d extends LayerNorm {
  constructor(channels: number, options: { eps?: number; elementwiseAffine?: boolean } = {}) {
    super([channels], options);
  }

  override forward(x: Tensor, channelLast = false): Tensor {
    if (channelLast) return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
    if (x.rank !== 4) throw new RangeError(`LayerNorm2d: expects NCHW inputs, got [${x.shape.join(', ')}]`);
    return tidy(() => permute(layerNorm(permute(x, [0, 2, 3, 1]), this.normalizedShape, this.weight, this.bias, this.eps), [0, 3, 1, 2]));
  }
}
