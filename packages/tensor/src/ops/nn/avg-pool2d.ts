import { recordOp } from '../../autograd/record-op';
import type { KernelAttributes } from '../../core/kernel-contracts';
import { runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import type { Pair } from './pair';
import { type Pool2dOptions, poolGeometry } from './pool-geometry';
import { withBatchAxis } from './spatial-input';

/** The options of {@link avgPool2d}. */
export interface AvgPool2dOptions extends Pool2dOptions {
  /** Count the zero padding in each window's divisor (default true, as PyTorch). */
  countIncludePad?: boolean;
  /** Divide every window by this instead of its size. */
  divisorOverride?: number;
}

/**
 * 2-D average pooling of NCHW (or CHW) input, as `torch.nn.functional.avg_pool2d`: stride
 * defaults to the kernel size; `countIncludePad` and `divisorOverride` follow PyTorch.
 *
 * @example
 * avgPool2d(x, 2); // halves height and width
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, options: AvgPool2dOptions = {}): Tensor {
  const { divisorOverride } = options;
  if (divisorOverride !== undefined && (!Number.isFinite(divisorOverride) || divisorOverride === 0)) {
    throw new RangeError(`avgPool2d: divisorOverride must be a non-zero number, got ${divisorOverride}`);
  }
  return withBatchAxis('avgPool2d', x, (input) => {
    const geometry = poolGeometry('avgPool2d', input, kernelSize, options);
    const attributes: KernelAttributes['avgPool2d'] = {
      kernel: geometry.kernel,
      stride: geometry.stride,
      padding: geometry.padding,
      dilation: geometry.dilation,
      ceilMode: geometry.ceilMode,
      countIncludePad: options.countIncludePad ?? true,
    };
    if (divisorOverride !== undefined) attributes.divisorOverride = divisorOverride;
    const output = runKernel1('avgPool2d', [input], { shape: geometry.shape, dtype: input.dtype }, attributes);
    const inputShape = input.shape;
    return recordOp('avgPool2d', [input], output, (grad) => [
      runKernel1('avgPool2dBackward', [grad], { shape: inputShape, dtype: grad.dtype }, attributes),
    ]);
  });
}
