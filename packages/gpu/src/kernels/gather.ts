import { contiguousStrides } from './broadcast';
import { copyClass, copyDType } from './element-copy';
import { gatherWgsl, scatterAddWgsl } from './gather.wgsl';
import { type GpuKernel, gridFor } from './kernel-context';
import { copyView } from './strided';

/**
 * `torch.gather` along `axis`. An out-of-range index gives 0 in the output and an error naming the
 * kernel at the next readback (the GPU cannot stop the program where the CPU throws).
 */
export const gatherKernel: GpuKernel<{ axis: number }> = (context, [input, index], [output], { axis }) => {
  const rank = index!.shape.length;
  const dtype = output!.dtype;
  const copyType = copyDType(dtype);
  const status = context.status();
  context.dispatch(
    { kernel: context.kernel, key: `${copyClass(dtype)}|r${rank}|a${axis}`, storage: ['read', 'read', 'read_write', 'read_write'], wgsl: () => gatherWgsl(copyType, rank, axis) },
    [output!.size, status.tag, input!.shape[axis] as number, ...index!.shape, ...contiguousStrides(input!.shape)],
    [input!.storage, index!.storage, output!.storage, status.storage],
    gridFor(output!.size, 256, context.maxWorkgroupsPerDimension),
  );
};

/**
 * `base.scatter_add(axis, index, source)`: the base is copied, then each source element is added
 * atomically at its target (float32 by compare-and-swap, so the order of additions varies).
 */
export const scatterAddKernel: GpuKernel<{ axis: number }> = (context, [base, index, source], [output], { axis }) => {
  const dtype = output!.dtype;
  if (dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`scatterAdd: the webgpu backend adds float32 and int32 tensors, not ${dtype}`);
  copyView(context, base!.storage, output!.storage, dtype, output!.shape, 0, contiguousStrides(output!.shape));
  if (index!.size === 0) return;
  const rank = index!.shape.length;
  const status = context.status();
  context.dispatch(
    { kernel: context.kernel, key: `${dtype}|r${rank}|a${axis}`, storage: ['read', 'read', 'read_write', 'read_write'], wgsl: () => scatterAddWgsl(dtype, rank, axis) },
    [index!.size, status.tag, output!.shape[axis] as number, ...index!.shape, ...contiguousStrides(source!.shape), ...contiguousStrides(output!.shape)],
    [source!.storage, index!.storage, output!.storage, status.storage],
    gridFor(index!.size, 256, context.maxWorkgroupsPerDimension),
  );
};
