import { recordOp } from '../../autograd/record-op';
import { runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { withBatchAxis } from './spatial-input';

/** An adaptive pooling's output size: one number for both axes, or `[height, width]` where `null` keeps the input's size. */
export type AdaptiveSize = number | readonly [number | null, number | null];

/**
 * Adaptive average pooling of NCHW (or CHW) input to a fixed output size, as
 * `torch.nn.functional.adaptive_avg_pool2d`: output cell `i` averages the input range
 * `[floor(i * in / out), ceil((i + 1) * in / out))`.
 *
 * @example
 * adaptiveAvgPool2d(features, 1); // global average pooling to [N, C, 1, 1]
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: AdaptiveSize): Tensor {
  return withBatchAxis('adaptiveAvgPool2d', x, (input) => {
    const [batch, channels, height, width] = input.shape as [number, number, number, number];
    const requested = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
    if (!Array.isArray(requested) || requested.length !== 2) {
      throw new RangeError(`adaptiveAvgPool2d: outputSize must be a number or a pair, got ${JSON.stringify(outputSize)}`);
    }
    const outH = requested[0] ?? height;
    const outW = requested[1] ?? width;
    for (const size of [outH, outW]) {
      if (!Number.isInteger(size) || size < 1) throw new RangeError(`adaptiveAvgPool2d: outputSize must hold positive integers, got ${JSON.stringify(outputSize)}`);
    }
    if (height < 1 || width < 1) throw new RangeError(`adaptiveAvgPool2d: the input of ${height}x${width} is empty`);
    const output = runKernel1('adaptiveAvgPool2d', [input], { shape: [batch, channels, outH, outW], dtype: input.dtype }, {});
    const inputShape = input.shape;
    return recordOp('adaptiveAvgPool2d', [input], output, (grad) => [
      runKernel1('adaptiveAvgPool2dBackward', [grad], { shape: inputShape, dtype: grad.dtype }, {}),
    ]);
  });
}
