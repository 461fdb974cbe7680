import type { DType, Shape } from '@mmpt/tensor';
import type { GpuStorage, GpuTensor } from '../runtime/gpu-storage';
import { collapseAxes, contiguousStrides } from './broadcast';
import { copyClass, copyDType } from './element-copy';
import { type GpuKernel, type KernelContext, gridFor } from './kernel-context';
import { stridedAddWgsl, stridedCopyWgsl } from './strided.wgsl';

/** Copies the view `offset + Σ i_k · strides_k` of `source` (over `shape`) into the contiguous `target`. */
export function copyView(context: KernelContext, source: GpuStorage, target: GpuStorage, dtype: DType, shape: Shape, offset: number, strides: readonly number[]): void {
  const count = shape.reduce((total, size) => total * size, 1);
  if (count === 0) return;
  const view = collapseAxes(shape, [contiguousStrides(shape), strides]);
  const viewStrides = view.strides[1] as number[];
  const contiguous = view.shape.length === 0 || (view.shape.length === 1 && viewStrides[0] === 1);
  if (contiguous && copyClass(dtype) === 'word') {
    context.copy(source, offset * 4, target, 0, count * 4);
    return;
  }
  const rank = view.shape.length;
  const copyType = copyDType(dtype);
  context.dispatch(
    { kernel: context.kernel, key: `copy|${copyClass(dtype)}|r${rank}`, storage: ['read', 'read_write'], wgsl: () => stridedCopyWgsl(copyType, rank) },
    [count, offset, ...view.shape, ...viewStrides],
    [source, target],
    gridFor(count, 256, context.maxWorkgroupsPerDimension),
  );
}

/** `out[i...] = in[offset + Σ i_k · strides_k]`: permute, slice with steps, flip, expand. */
export const stridedCopyKernel: GpuKernel<{ offset: number; strides: number[] }> = (context, [input], [output], { offset, strides }) => {
  copyView(context, input!.storage, output!.storage, output!.dtype, output!.shape, offset, strides);
};

/** Adds `source` into `output` at `offset + Σ i_k · strides_k` (non-overlapping positions). */
export function addView(context: KernelContext, source: GpuTensor, output: GpuStorage, offset: number, strides: readonly number[]): void {
  if (source.size === 0) return;
  const view = collapseAxes(source.shape, [contiguousStrides(source.shape), strides]);
  const rank = view.shape.length;
  context.dispatch(
    { kernel: context.kernel, key: `add|${source.dtype}|r${rank}`, storage: ['read', 'read_write'], wgsl: () => stridedAddWgsl(source.dtype, rank) },
    [source.size, offset, ...view.shape, ...(view.strides[1] as number[])],
    [source.storage, output],
    gridFor(source.size, 256, context.maxWorkgroupsPerDimension),
  );
}

/** A copy of the base (input 0) with the source (input 1) added at `offset + Σ i_k · strides_k`. */
export const stridedScatterAddKernel: GpuKernel<{ offset: number; strides: number[] }> = (context, [base, source], [output], { offset, strides }) => {
  copyView(context, base!.storage, output!.storage, output!.dtype, output!.shape, 0, contiguousStrides(output!.shape));
  addView(context, source!, output!.storage, offset, strides);
};
