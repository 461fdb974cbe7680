import { recordOp } from '../../autograd/record-op';
import type { Pool2dAttributes } from '../../core/kernel-contracts';
import { runKernel, runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { reshape } from '../reshape';
import type { Pair } from './pair';
import { type Pool2dOptions, poolGeometry } from './pool-geometry';
import { withBatchAxis } from './spatial-input';

/** The options of {@link maxPool2d}. */
export interface MaxPool2dOptions extends Pool2dOptions {
  /** Spacing of the window's elements (default 1). */
  dilation?: Pair;
}

/**
 * 2-D max pooling of NCHW (or CHW) input, as `torch.nn.functional.max_pool2d` (padding counts as
 * -infinity; stride defaults to the kernel size). Returns the values and the int32 index of each
 * maximum within its input plane (`iy * W + ix`), as `return_indices=True`.
 */
export function maxPool2dWithIndices(x: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): { values: Tensor; indices: Tensor } {
  let indices: Tensor | undefined;
  const values = withBatchAxis('maxPool2d', x, (input) => {
    const geometry = poolGeometry('maxPool2d', input, kernelSize, options, options.dilation ?? 1);
    const attributes: Pool2dAttributes = {
      kernel: geometry.kernel,
      stride: geometry.stride,
      padding: geometry.padding,
      dilation: geometry.dilation,
      ceilMode: geometry.ceilMode,
    };
    const [output, where] = runKernel('maxPool2d', [input], [
      { shape: geometry.shape, dtype: input.dtype },
      { shape: geometry.shape, dtype: 'int32' },
    ], attributes) as [Tensor, Tensor];
    indices = where;
    const inputShape = input.shape;
    return recordOp(
      'maxPool2d',
      [input],
      output,
      (grad, [savedIndices]) => [runKernel1('maxPool2dBackward', [grad, savedIndices as Tensor], { shape: inputShape, dtype: grad.dtype }, attributes)],
      [where],
    );
  });
  const found = indices as unknown as Tensor;
  if (found.rank === values.rank) return { values, indices: found };
  const unbatched = reshape(found, values.shape);
  found.dispose();
  return { values, indices: unbatched };
}

/**
 * 2-D max pooling of NCHW (or CHW) input, as `torch.nn.functional.max_pool2d`.
 *
 * @example
 * maxPool2d(x, 3, { stride: 2, padding: 1 }); // the ResNet stem
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): Tensor {
  const { values, indices } = maxPool2dWithIndices(x, kernelSize, options);
  indices.dispose();
  return values;
}
