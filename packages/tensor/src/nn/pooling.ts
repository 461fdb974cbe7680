import type { Tensor } from '../core/tensor';
import { type AdaptiveSize, adaptiveAvgPool2d } from '../ops/nn/adaptive-avg-pool2d';
import { type AvgPool2dOptions, avgPool2d } from '../ops/nn/avg-pool2d';
import { type MaxPool2dOptions, maxPool2d } from '../ops/nn/max-pool2d';
import type { Pair } from '../ops/nn/pair';
import { Module } from './module';
import { pythonBool, pythonValue } from './python-repr';

/**
 * 2-D max pooling, as `torch.nn.MaxPool2d` (stride defaults to the kernel size; padding counts as
 * -infinity). Inputs are NCHW or CHW.
 *
 * @example
 * const pool = new MaxPool2d(3, { stride: 2, padding: 1 });
 */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: MaxPool2dOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const { stride, padding = 0, dilation = 1, ceilMode = false } = this.options;
    return `kernel_size=${pythonValue(this.kernelSize)}, stride=${pythonValue(stride ?? this.kernelSize)}, padding=${pythonValue(padding)}, dilation=${pythonValue(dilation)}, ceil_mode=${pythonBool(ceilMode)}`;
  }
}

/**
 * 2-D average pooling, as `torch.nn.AvgPool2d` (stride defaults to the kernel size;
 * `countIncludePad` and `divisorOverride` as PyTorch). Inputs are NCHW or CHW.
 */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: AvgPool2dOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const { stride, padding = 0 } = this.options;
    return `kernel_size=${pythonValue(this.kernelSize)}, stride=${pythonValue(stride ?? this.kernelSize)}, padding=${pythonValue(padding)}`;
  }
}

/**
 * Average pooling to a fixed output size, as `torch.nn.AdaptiveAvgPool2d` (`null` keeps that
 * axis's input size). Inputs are NCHW or CHW.
 *
 * @example
 * const globalPool = new AdaptiveAvgPool2d(1); // [N, C, H, W] -> [N, C, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: AdaptiveSize) {
    super();
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }

  override extraRepr(): string {
    return `output_size=${pythonValue(this.outputSize)}`;
  }
}
