import type { ReduceAttributes } from '@mmpt/tensor';
import { cumsumWgsl } from './cumsum.wgsl';
import { type GpuKernel, gridFor } from './kernel-context';
import { computeTypeOf } from './wgsl-common';

/** Inclusive cumulative sum along the middle axis of `[outer, reduce, inner]`. */
export const cumsumKernel: GpuKernel<ReduceAttributes & { reverse: boolean }> = (context, [input], [output], { outer, reduce, inner, reverse }) => {
  const computeType = computeTypeOf(output!.dtype);
  context.dispatch(
    {
      kernel: context.kernel,
      key: `${input!.dtype}|${output!.dtype}`,
      storage: ['read', 'read_write'],
      wgsl: () => cumsumWgsl(input!.dtype, output!.dtype, computeType),
    },
    [outer, reduce, inner, reverse ? 1 : 0],
    [input!.storage, output!.storage],
    gridFor(outer * inner, 256, context.maxWorkgroupsPerDimension),
  );
};
