import type { GpuStorage } from '../runtime/gpu-storage';
import { contiguousStrides } from './broadcast';
import { copyClass, copyDType, fillWord } from './element-copy';
import { type GpuKernel, floatBits, gridFor } from './kernel-context';
import { type PadMode, padBackwardAxisWgsl, padWgsl } from './pad.wgsl';
import { copyView } from './strided';

/** Constant, reflect or replicate padding of every axis. */
export const padKernel: GpuKernel<{ before: number[]; after: number[]; mode: PadMode; value: number }> = (context, [input], [output], { before, mode, value }) => {
  const rank = output!.shape.length;
  const dtype = output!.dtype;
  const copyType = copyDType(dtype);
  if (input!.size === 0 && mode !== 'constant') throw new RangeError(`pad: ${mode} padding of an empty tensor`);
  context.dispatch(
    { kernel: context.kernel, key: `${copyClass(dtype)}|${mode}|r${rank}`, storage: ['read', 'read_write'], wgsl: () => padWgsl(copyType, rank, mode) },
    [output!.size, fillWord(dtype, value, floatBits), ...output!.shape, ...input!.shape, ...before, ...contiguousStrides(input!.shape)],
    [input!.storage, output!.storage],
    gridFor(output!.size, 256, context.maxWorkgroupsPerDimension),
  );
};

/**
 * The gradient of `pad`: constant padding is a slice of the gradient; reflect and replicate
 * padding sum the gradient back one padded axis at a time.
 */
export const padBackwardKernel: GpuKernel<{ before: number[]; mode: PadMode }> = (context, [grad], [output], { before, mode }) => {
  const inputShape = output!.shape;
  const gradStrides = contiguousStrides(grad!.shape);
  if (mode === 'constant') {
    const offset = before.reduce((total, amount, axis) => total + amount * (gradStrides[axis] as number), 0);
    copyView(context, grad!.storage, output!.storage, output!.dtype, inputShape, offset, gradStrides);
    return;
  }
  const axes = grad!.shape.map((size, axis) => axis).filter((axis) => grad!.shape[axis] !== inputShape[axis]);
  let shape = [...grad!.shape];
  let current: GpuStorage = grad!.storage;
  const scratch: GpuStorage[] = [];
  if (axes.length === 0) {
    copyView(context, grad!.storage, output!.storage, output!.dtype, inputShape, 0, contiguousStrides(inputShape));
    return;
  }
  for (const [order, axis] of axes.entries()) {
    const size = inputShape[axis] as number;
    const padded = shape[axis] as number;
    const next = [...shape];
    next[axis] = size;
    const count = next.reduce((total, dimension) => total * dimension, 1);
    const target = order === axes.length - 1 ? output!.storage : context.temporary(output!.dtype, count);
    if (target !== output!.storage) scratch.push(target);
    const inner = shape.slice(axis + 1).reduce((total, dimension) => total * dimension, 1);
    context.dispatch(
      { kernel: context.kernel, key: `${output!.dtype}|${mode}`, storage: ['read', 'read_write'], wgsl: () => padBackwardAxisWgsl(output!.dtype, mode) },
      [count, size, padded, before[axis] as number, inner],
      [current, target],
      gridFor(count, 256, context.maxWorkgroupsPerDimension),
    );
    current = target;
    shape = next;
  }
  for (const storage of scratch) context.release(storage);
};
