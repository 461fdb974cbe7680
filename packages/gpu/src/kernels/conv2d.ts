import type { Conv2dAttributes } from '@mmpt/tensor';
import type { GpuTensor } from '../runtime/gpu-storage';
import { type ConvGeometry, convGeometry, convParams, isDepthwise, isPointwise } from './conv2d-geometry';
import { type ConvPass, convWgsl } from './conv2d.wgsl';
import { depthwiseWgsl } from './depthwise-conv2d.wgsl';
import { dispatchGemm } from './gemm';
import { type GpuKernel, type KernelContext, gridFor } from './kernel-context';

/** The GEMM sizes (m, n, k) of a convolution pass, per group. */
function gemmSizes(pass: ConvPass, g: ConvGeometry): [number, number, number] {
  const taps = g.kernelH * g.kernelW;
  const positions = g.outH * g.outW;
  if (pass === 'forward') return [g.groupOutChannels, g.batch * positions, g.groupChannels * taps];
  if (pass === 'backwardInput') return [g.groupChannels, g.batch * g.height * g.width, g.groupOutChannels * taps];
  return [g.groupOutChannels, g.groupChannels * taps, g.batch * positions];
}

/** Columns of the GEMM per image (its output plane), which the result stores as `[image, channel, position]`. */
function imageColumns(pass: ConvPass, g: ConvGeometry): number | undefined {
  if (pass === 'forward') return g.outH * g.outW;
  if (pass === 'backwardInput') return g.height * g.width;
  return undefined;
}

/** Records one pass of a convolution: an implicit GEMM per group, or the depthwise direct kernels. */
function convolve(context: KernelContext, pass: ConvPass, first: GpuTensor, second: GpuTensor, output: GpuTensor, geometry: ConvGeometry): void {
  const dtype = output.dtype;
  if (isDepthwise(geometry)) {
    const storage = ['read', 'read', 'read_write'] as const;
    const buffers = [first.storage, second.storage, output.storage];
    const style = context.style;
    const program = { kernel: context.kernel, key: `depthwise|${dtype}|${style}`, storage: [...storage], wgsl: () => depthwiseWgsl(pass, dtype, style) };
    const items = output.size;
    const perWorkgroup = pass !== 'backwardFilter' ? 256 : style === 'gpu' ? 1 : 64;
    context.dispatch(program, [items, ...convParams(geometry)], buffers, gridFor(items, perWorkgroup, context.maxWorkgroupsPerDimension));
    return;
  }
  const pointwise = isPointwise(geometry);
  const [m, n, k] = gemmSizes(pass, geometry);
  dispatchGemm(context, {
    key: `${pointwise ? 'pointwise' : 'general'}|${dtype}`,
    wgsl: (variant) => convWgsl(pass, dtype, pointwise, variant),
    m,
    n,
    k,
    slices: geometry.groups,
    params: convParams(geometry),
    operands: [first.storage, second.storage],
    output: output.storage,
    outputDtype: dtype,
    splittable: true,
    blockColumns: imageColumns(pass, geometry),
  });
}

/**
 * NCHW convolution with an OIHW filter as an implicit GEMM per group (the im2col matrix is read on
 * the fly, never stored); a 1x1 stride-1 unpadded convolution reads the input as a matrix, and a
 * depthwise filter runs as its own direct kernel.
 */
export const conv2dKernel: GpuKernel<Conv2dAttributes> = (context, [input, filter], [output], attributes) => {
  convolve(context, 'forward', input!, filter!, output!, convGeometry(input!.shape, filter!.shape, output!.shape, attributes));
};

/** The gradient of conv2d with respect to its input (inputs: grad output, filter). */
export const conv2dBackwardInputKernel: GpuKernel<Conv2dAttributes> = (context, [gradOutput, filter], [gradInput], attributes) => {
  convolve(context, 'backwardInput', gradOutput!, filter!, gradInput!, convGeometry(gradInput!.shape, filter!.shape, gradOutput!.shape, attributes));
};

/** The gradient of conv2d with respect to its filter (inputs: input, grad output). */
export const conv2dBackwardFilterKernel: GpuKernel<Conv2dAttributes> = (context, [input, gradOutput], [gradFilter], attributes) => {
  convolve(context, 'backwardFilter', input!, gradOutput!, gradFilter!, convGeometry(input!.shape, gradFilter!.shape, gradOutput!.shape, attributes));
};
