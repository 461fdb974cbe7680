import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { type Pair, toPair } from './pair';

/**
 * The output length of a pooling along one axis, as PyTorch: with `ceilMode` the division rounds
 * up, but the last window must start inside the input or its left padding.
 */
export function poolOutputLength(size: number, kernel: number, padding: number, stride: number, dilation: number, ceilMode: boolean): number {
  let length = Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  if (ceilMode && (length - 1) * stride >= size + padding) length--;
  return length;
}

/** The options shared by the 2-D poolings. */
export interface Pool2dOptions {
  /** Default: the kernel size. */
  stride?: Pair;
  /** Implicit padding of each side (default 0); at most half the kernel. */
  padding?: Pair;
  /** Use ceiling instead of floor to compute the output size (default false). */
  ceilMode?: boolean;
}

/** Resolved pooling geometry: kernel, stride, padding, dilation, and the output shape. */
export interface PoolGeometry {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
  shape: number[];
}

/** Validates pooling arguments for an NCHW input and computes the output shape. */
export function poolGeometry(op: string, x: Tensor, kernelSize: Pair, options: Pool2dOptions, dilationValue: Pair = 1): PoolGeometry {
  const kernel = toPair(op, 'kernelSize', kernelSize, 1);
  const stride = options.stride === undefined || (Array.isArray(options.stride) && options.stride.length === 0) ? kernel : toPair(op, 'stride', options.stride, 1);
  const padding = toPair(op, 'padding', options.padding ?? 0, 0);
  const dilation = toPair(op, 'dilation', dilationValue, 1);
  const ceilMode = options.ceilMode ?? false;
  if (padding[0] > Math.floor(kernel[0] / 2) || padding[1] > Math.floor(kernel[1] / 2)) {
    throw new RangeError(`${op}: padding [${padding.join(', ')}] must be at most half the kernel size [${kernel.join(', ')}]`);
  }
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  const outH = poolOutputLength(height, kernel[0], padding[0], stride[0], dilation[0], ceilMode);
  const outW = poolOutputLength(width, kernel[1], padding[1], stride[1], dilation[1], ceilMode);
  if (outH < 1 || outW < 1) {
    throw new RangeError(`${op}: the input ${formatShape(x.shape)} gives an output of ${outH}x${outW} with kernel [${kernel.join(', ')}]; it is too small`);
  }
  return { kernel, stride, padding, dilation, ceilMode, shape: [batch, channels, outH, outW] };
}
