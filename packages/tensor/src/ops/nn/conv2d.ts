import { recordOp } from '../../autograd/record-op';
import type { Conv2dAttributes } from '../../core/kernel-contracts';
import { runKernel1 } from '../../core/run-kernel';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { add } from '../arithmetic';
import { pad } from '../pad';
import { reshape } from '../reshape';
import { type Pair, toPair } from './pair';
import { withBatchAxis } from './spatial-input';

/** The options of {@link conv2d}, as `torch.nn.functional.conv2d`. */
export interface Conv2dOptions {
  /** Default 1. */
  stride?: Pair;
  /**
   * Zero padding of each side (default 0), or `'valid'` (none) or `'same'` (the output keeps the
   * input's size; stride 1 only; an odd total pads one more at the bottom/right, as PyTorch).
   */
  padding?: Pair | 'same' | 'valid';
  /** Default 1. */
  dilation?: Pair;
  /** Default 1: input and output channels must both be divisible by it. */
  groups?: number;
}

/** The output length of a convolution along one axis. */
function outputLength(size: number, kernel: number, padding: number, stride: number, dilation: number): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/**
 * 2-D convolution of NCHW (or CHW) input with an OIHW filter (`[out, in / groups, kH, kW]`) and
 * an optional bias `[out]`, as `torch.nn.functional.conv2d`: stride, padding (numbers, pairs,
 * `'same'` or `'valid'`), dilation and groups (depthwise when `groups` equals the channels).
 *
 * @example
 * const y = conv2d(x, weight, bias, { stride: 2, padding: 1 }); // [N, out, H/2, W/2]
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
  return withBatchAxis('conv2d', x, (input) => conv2dBatched(input, weight, bias ?? null, options));
}

function conv2dBatched(x: Tensor, weight: Tensor, bias: Tensor | null, options: Conv2dOptions): Tensor {
  const stride = toPair('conv2d', 'stride', options.stride ?? 1, 1);
  const dilation = toPair('conv2d', 'dilation', options.dilation ?? 1, 1);
  const groups = options.groups ?? 1;
  if (weight.rank !== 4) throw new RangeError(`conv2d: weight must be 4-D [out, in / groups, kH, kW], got shape ${formatShape(weight.shape)}`);
  if (weight.dtype !== x.dtype) throw new TypeError(`conv2d: weight dtype ${weight.dtype} differs from input dtype ${x.dtype}`);
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const [outChannels, groupChannels, kernelH, kernelW] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`conv2d: groups must be a positive integer, got ${groups}`);
  if (outChannels % groups !== 0) {
    throw new RangeError(`conv2d: the ${outChannels} output channels of weight ${formatShape(weight.shape)} are not divisible by groups = ${groups}`);
  }
  if (groupChannels * groups !== channels) {
    throw new RangeError(
      `conv2d: input ${formatShape(x.shape)} has ${channels} channels but weight ${formatShape(weight.shape)} with groups = ${groups} expects ${groupChannels * groups}`,
    );
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== outChannels)) {
    throw new RangeError(`conv2d: bias must have shape [${outChannels}], got ${formatShape(bias.shape)}`);
  }
  let padding: [number, number];
  let input = x;
  const mode = options.padding ?? 0;
  if (mode === 'valid') padding = [0, 0];
  else if (mode === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) throw new RangeError(`conv2d: padding 'same' needs stride 1, got stride [${stride.join(', ')}]`);
    const totalH = dilation[0] * (kernelH - 1);
    const totalW = dilation[1] * (kernelW - 1);
    padding = [Math.floor(totalH / 2), Math.floor(totalW / 2)];
    if (totalH % 2 === 1 || totalW % 2 === 1) input = pad(x, [0, totalW % 2, 0, totalH % 2]);
  } else padding = toPair('conv2d', 'padding', mode, 0);
  const outH = outputLength(input.shape[2] as number, kernelH, padding[0], stride[0], dilation[0]);
  const outW = outputLength(input.shape[3] as number, kernelW, padding[1], stride[1], dilation[1]);
  if (outH < 1 || outW < 1) {
    throw new RangeError(
      `conv2d: the input of ${height}x${width} (padding [${padding.join(', ')}]) is smaller than the dilated kernel of weight ${formatShape(weight.shape)}`,
    );
  }
  const attributes: Conv2dAttributes = { stride, padding, dilation, groups };
  const output = convolve(input, weight, [x.shape[0] as number, outChannels, outH, outW], attributes);
  if (input !== x) input.dispose();
  if (!bias) return output;
  const column = reshape(bias, [1, outChannels, 1, 1]);
  const result = add(output, column);
  output.dispose();
  column.dispose();
  return result;
}

/** The convolution kernel with its gradient (bias and 'same' padding are separate ops). */
function convolve(x: Tensor, weight: Tensor, shape: number[], attributes: Conv2dAttributes): Tensor {
  const output = runKernel1('conv2d', [x, weight], { shape, dtype: x.dtype }, attributes);
  const needInput = x.requiresGrad;
  const needWeight = weight.requiresGrad;
  const inputShape = x.shape;
  const weightShape = weight.shape;
  return recordOp(
    'conv2d',
    [x, weight],
    output,
    (grad, [savedInput, savedWeight]) => [
      needInput ? conv2dBackwardInput(grad, savedWeight as Tensor, inputShape, attributes) : null,
      needWeight ? conv2dBackwardFilter(savedInput as Tensor, grad, weightShape, attributes) : null,
    ],
    [x, weight],
  );
}

/** The gradient of a convolution with respect to its input. */
function conv2dBackwardInput(grad: Tensor, weight: Tensor, inputShape: readonly number[], attributes: Conv2dAttributes): Tensor {
  return runKernel1('conv2dBackwardInput', [grad, weight], { shape: inputShape, dtype: grad.dtype }, attributes);
}

/** The gradient of a convolution with respect to its filter. */
function conv2dBackwardFilter(x: Tensor, grad: Tensor, weightShape: readonly number[], attributes: Conv2dAttributes): Tensor {
  return runKernel1('conv2dBackwardFilter', [x, grad], { shape: weightShape, dtype: grad.dtype }, attributes);
}

