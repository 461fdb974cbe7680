import { recordOp } from '../../autograd/record-op';
import type { InterpolateMode } from '../../core/kernel-contracts';
import { runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { adaptiveAvgPool2d } from './adaptive-avg-pool2d';
import { type Pair, toPair } from './pair';
import { withBatchAxis } from './spatial-input';

/** The options of {@link interpolate}: give exactly one of `size` and `scaleFactor`. */
export interface InterpolateOptions {
  /** The output height and width. */
  size?: Pair;
  /** Multiplier of the height and width; the output size is `floor(input * scaleFactor)`. */
  scaleFactor?: number | readonly [number, number];
  /** Default `'nearest'` (PyTorch's legacy nearest: `src = floor(dst * in / out)`); `'area'` is adaptive average pooling. */
  mode?: InterpolateMode | 'area';
  /** Align the corner pixels of input and output (bilinear and bicubic only; default false). */
  alignCorners?: boolean;
}

/**
 * Resizes the last two axes of NCHW (or CHW) input, as `torch.nn.functional.interpolate`, with
 * PyTorch's source-index formulas for `nearest`, `bilinear` and `bicubic` (A = -0.75).
 * The source index is computed from the input and output sizes (`in / out`), as PyTorch with
 * `recompute_scale_factor=True`; this equals PyTorch's default whenever `input * scaleFactor`
 * is a whole number.
 *
 * @example
 * interpolate(x, { scaleFactor: 2, mode: 'bilinear' });
 */
export function interpolate(x: Tensor, options: InterpolateOptions): Tensor {
  const mode = options.mode ?? 'nearest';
  if (!['nearest', 'bilinear', 'bicubic', 'area'].includes(mode)) {
    throw new RangeError(`interpolate: mode must be 'nearest', 'bilinear', 'bicubic' or 'area', got ${JSON.stringify(mode)}`);
  }
  if (options.alignCorners !== undefined && (mode === 'nearest' || mode === 'area')) {
    throw new RangeError(`interpolate: alignCorners can only be set with the 'bilinear' and 'bicubic' modes, not ${JSON.stringify(mode)}`);
  }
  const alignCorners = options.alignCorners ?? false;
  return withBatchAxis('interpolate', x, (input) => {
    const [batch, channels, height, width] = input.shape as [number, number, number, number];
    const [outH, outW] = outputSize(options, height, width);
    if (mode === 'area') return adaptiveAvgPool2d(input, [outH, outW]);
    const attributes = { mode, alignCorners };
    const output = runKernel1('interpolate', [input], { shape: [batch, channels, outH, outW], dtype: input.dtype }, attributes);
    const inputShape = input.shape;
    return recordOp('interpolate', [input], output, (grad) => [
      runKernel1('interpolateBackward', [grad], { shape: inputShape, dtype: grad.dtype }, attributes),
    ]);
  });
}

function outputSize(options: InterpolateOptions, height: number, width: number): [number, number] {
  if ((options.size === undefined) === (options.scaleFactor === undefined)) {
    throw new RangeError('interpolate: give exactly one of size and scaleFactor');
  }
  if (options.size !== undefined) return toPair('interpolate', 'size', options.size, 1);
  const factor = options.scaleFactor as number | readonly [number, number];
  const [scaleH, scaleW] = typeof factor === 'number' ? [factor, factor] : factor;
  if (!(scaleH > 0) || !(scaleW > 0) || !Number.isFinite(scaleH) || !Number.isFinite(scaleW)) {
    throw new RangeError(`interpolate: scaleFactor must be positive, got ${JSON.stringify(factor)}`);
  }
  const size: [number, number] = [Math.floor(height * scaleH), Math.floor(width * scaleW)];
  if (size[0] < 1 || size[1] < 1) {
    throw new RangeError(`interpolate: scaleFactor ${JSON.stringify(factor)} gives an empty output for an input of ${height}x${width}`);
  }
  return size;
}
