import { Conv2d, type Conv2dLayerOptions, type Tensor, pad, tidy } from '@mmpt/tensor';

/**
 * MMCV's `Conv2dAdaptivePadding`: TensorFlow's "same" padding, computed from each input's size
 * (`ceil(size / stride)` outputs, the extra pixel at the bottom/right), so the conv's own padding
 * is always 0. EfficientNet uses it.
 */
export class Conv2dAdaptivePadding extends Conv2d {
  constructor(inChannels: number, outChannels: number, kernelSize: number | [number, number], options: Conv2dLayerOptions = {}) {
    super(inChannels, outChannels, kernelSize, { ...options, padding: 0 });
  }

  override forward(x: Tensor): Tensor {
    const [height, width] = [x.shape[x.rank - 2] as number, x.shape[x.rank - 1] as number];
    const padHeight = this.samePadding(height, 0);
    const padWidth = this.samePadding(width, 1);
    if (padHeight === 0 && padWidth === 0) return super.forward(x);
    return tidy(() => super.forward(pad(x, [Math.floor(padWidth / 2), padWidth - Math.floor(padWidth / 2), Math.floor(padHeight / 2), padHeight - Math.floor(padHeight / 2)])));
  }

  private samePadding(size: number, axis: 0 | 1): number {
    const stride = this.stride[axis];
    const kernel = this.kernelSize[axis];
    const dilation = this.dilation[axis];
    return Math.max((Math.ceil(size / stride) - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
  }
}
