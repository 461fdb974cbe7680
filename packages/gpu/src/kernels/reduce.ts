import type { ReduceAttributes } from '@mmpt/tensor';
import { type GpuKernel, gridFor } from './kernel-context';
import type { ReduceKernel } from './kernel-names';
import { type ReduceStrategy, reduceWgsl } from './reduce.wgsl';
import { computeTypeOf } from './wgsl-common';

/** Below this many outputs, each output gets a workgroup of its own. */
const FEW_OUTPUTS = 2048;

/** A reduction over the middle axis of `[outer, reduce, inner]` (NaN propagates through max/min). */
export function reduceKernel(op: ReduceKernel): GpuKernel<ReduceAttributes> {
  return (context, [input], [output], { outer, reduce, inner }) => {
    const outputs = outer * inner;
    // Software adapters get the barrier-free strategy: they compile workgroup barriers slowly.
    const wide = reduce >= 64 && (inner === 1 || outputs < FEW_OUTPUTS);
    const strategy: ReduceStrategy = wide && context.style === 'gpu' ? 'workgroup' : 'thread';
    const computeType = computeTypeOf(input!.dtype);
    context.dispatch(
      {
        kernel: context.kernel,
        key: `${op}|${input!.dtype}|${output!.dtype}|${strategy}`,
        storage: ['read', 'read_write'],
        wgsl: () => reduceWgsl({ op, input: input!.dtype, output: output!.dtype, computeType, strategy }),
      },
      [outer, reduce, inner],
      [input!.storage, output!.storage],
      strategy === 'workgroup' ? gridFor(outputs, 1, context.maxWorkgroupsPerDimension) : gridFor(outputs, 256, context.maxWorkgroupsPerDimension),
    );
  };
}
