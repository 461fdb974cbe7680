import type { Pool2dAttributes } from '@mmpt/tensor';
import type { GpuTensor } from '../runtime/gpu-storage';
import { type GpuKernel, type KernelContext, floatBits, gridFor } from './kernel-context';
import type { KernelProgram } from '../runtime/pipeline-cache';
import { adaptiveAvgPoolBackwardWgsl, adaptiveAvgPoolWgsl, avgPoolBackwardWgsl, avgPoolWgsl, maxPoolBackwardWgsl, maxPoolWgsl } from './pool2d.wgsl';

type AvgPool2dAttributes = Pool2dAttributes & { countIncludePad: boolean; divisorOverride?: number };

/** The pooling parameter words (see `pool2d.wgsl.ts`) for an NCHW input and output. */
function poolParams(count: number, input: readonly number[], output: readonly number[], attributes?: AvgPool2dAttributes | Pool2dAttributes): number[] {
  const [, , height, width] = input as [number, number, number, number];
  const [, , outH, outW] = output as [number, number, number, number];
  const words = [count, height, width, outH, outW];
  if (!attributes) return words;
  const average = 'countIncludePad' in attributes ? attributes : undefined;
  return [
    ...words,
    ...attributes.kernel,
    ...attributes.stride,
    ...attributes.padding,
    ...attributes.dilation,
    average?.countIncludePad ? 1 : 0,
    average?.divisorOverride !== undefined ? 1 : 0,
    floatBits(average?.divisorOverride ?? 0),
  ];
}

function run(context: KernelContext, wgsl: () => string, key: string, storage: KernelProgram['storage'], params: number[], buffers: GpuTensor[], items: number): void {
  context.dispatch({ kernel: context.kernel, key, storage, wgsl }, params, buffers.map((tensor) => tensor.storage), gridFor(items, 256, context.maxWorkgroupsPerDimension));
}

/** Max pooling of NCHW input: the values and the int32 index of each maximum in its plane. */
export const maxPool2dKernel: GpuKernel<Pool2dAttributes> = (context, [input], [values, indices], attributes) => {
  const dtype = values!.dtype;
  run(context, () => maxPoolWgsl(dtype), dtype, ['read', 'read_write', 'read_write'], poolParams(values!.size, input!.shape, values!.shape, attributes), [input!, values!, indices!], values!.size);
};

/** The gradient of max pooling (inputs: grad output, indices). */
export const maxPool2dBackwardKernel: GpuKernel<Pool2dAttributes> = (context, [gradOutput, indices], [gradInput], attributes) => {
  const dtype = gradInput!.dtype;
  const params = poolParams(gradInput!.size, gradInput!.shape, gradOutput!.shape, attributes);
  run(context, () => maxPoolBackwardWgsl(dtype), dtype, ['read', 'read', 'read_write'], params, [gradOutput!, indices!, gradInput!], gradInput!.size);
};

/** Average pooling with PyTorch's divisor rules. */
export const avgPool2dKernel: GpuKernel<AvgPool2dAttributes> = (context, [input], [output], attributes) => {
  const dtype = output!.dtype;
  run(context, () => avgPoolWgsl(dtype), dtype, ['read', 'read_write'], poolParams(output!.size, input!.shape, output!.shape, attributes), [input!, output!], output!.size);
};

/** The gradient of average pooling (inputs: grad output). */
export const avgPool2dBackwardKernel: GpuKernel<AvgPool2dAttributes> = (context, [gradOutput], [gradInput], attributes) => {
  const dtype = gradInput!.dtype;
  const params = poolParams(gradInput!.size, gradInput!.shape, gradOutput!.shape, attributes);
  run(context, () => avgPoolBackwardWgsl(dtype), dtype, ['read', 'read_write'], params, [gradOutput!, gradInput!], gradInput!.size);
};

/** Adaptive average pooling to the output's height and width. */
export const adaptiveAvgPool2dKernel: GpuKernel<Record<string, never>> = (context, [input], [output]) => {
  const dtype = output!.dtype;
  run(context, () => adaptiveAvgPoolWgsl(dtype), dtype, ['read', 'read_write'], poolParams(output!.size, input!.shape, output!.shape), [input!, output!], output!.size);
};

/** The gradient of adaptive average pooling (inputs: grad output). */
export const adaptiveAvgPool2dBackwardKernel: GpuKernel<Record<string, never>> = (context, [gradOutput], [gradInput]) => {
  const dtype = gradInput!.dtype;
  const params = poolParams(gradInput!.size, gradInput!.shape, gradOutput!.shape);
  run(context, () => adaptiveAvgPoolBackwardWgsl(dtype), dtype, ['read', 'read_write'], params, [gradOutput!, gradInput!], gradInput!.size);
};
