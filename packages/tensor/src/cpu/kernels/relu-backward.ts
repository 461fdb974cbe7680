import type { CpuKernel } from '../cpu-tensor';
import { vectorKernels } from './vector-kernels';

/** The gradient of relu from its output: `output > 0 ? grad : 0` (inputs: grad, relu output), with SIMD. */
export const reluBackwardKernel: CpuKernel<Record<string, never>> = ([gradOutput, reluOutput], [gradInput], _, context) => {
  vectorKernels(context.compute).reluBackward(gradOutput!.offset, reluOutput!.offset, gradInput!.offset, gradInput!.size);
};
