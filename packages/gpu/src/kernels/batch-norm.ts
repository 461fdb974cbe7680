import type { GpuTensor } from '../runtime/gpu-storage';
import { batchNormApplyWgsl, channelStatsWgsl } from './batch-norm.wgsl';
import { type GpuKernel, type KernelContext, floatBits, gridFor } from './kernel-context';

/** The `[N, C, S]` parameter words of a batch-norm input with channels on axis 1. */
function viewParams(x: GpuTensor, eps: number): number[] {
  const batch = x.shape[0] as number;
  const channels = x.shape[1] as number;
  const spatial = x.shape.slice(2).reduce((total, size) => total * size, 1);
  return [x.size, channels, spatial, batch, floatBits(eps)];
}

function stats(context: KernelContext, kind: 'train' | 'backward', tensors: readonly GpuTensor[], params: number[], inputs: number): void {
  const dtypes = tensors.map((tensor) => tensor.dtype);
  const style = context.style;
  const channels = params[1] as number;
  context.dispatch(
    {
      kernel: context.kernel,
      key: `stats|${dtypes.join(',')}|${style}`,
      storage: tensors.map((_, at) => (at < inputs ? 'read' : 'read_write')),
      wgsl: () => channelStatsWgsl(kind, dtypes, style),
    },
    params,
    tensors.map((tensor) => tensor.storage),
    style === 'gpu' ? gridFor(channels, 1, context.maxWorkgroupsPerDimension) : gridFor(channels, 64, context.maxWorkgroupsPerDimension),
  );
}

function apply(context: KernelContext, kind: 'train' | 'inference' | 'backward', tensors: readonly GpuTensor[], params: number[]): void {
  const dtypes = tensors.map((tensor) => tensor.dtype);
  const count = params[0] as number;
  context.dispatch(
    {
      kernel: context.kernel,
      key: `apply|${dtypes.join(',')}`,
      storage: tensors.map((_, at) => (at < tensors.length - 1 ? 'read' : 'read_write')),
      wgsl: () => batchNormApplyWgsl(kind, dtypes),
    },
    params,
    tensors.map((tensor) => tensor.storage),
    gridFor(count, 256, context.maxWorkgroupsPerDimension),
  );
}

/**
 * Batch norm in training for an input viewed as `[N, C, S]`: per-channel mean, biased variance
 * (two passes) and invStd, then the normalised output. Inputs: x, weight, bias; outputs: y, mean,
 * variance, invStd.
 */
export const batchNormTrainKernel: GpuKernel<{ eps: number }> = (context, [x, weight, bias], [y, mean, variance, invStd], { eps }) => {
  const params = viewParams(x!, eps);
  stats(context, 'train', [x!, mean!, variance!, invStd!], params, 1);
  apply(context, 'train', [x!, weight!, bias!, mean!, invStd!, y!], params);
};

/** Batch norm with given statistics. Inputs: x, mean, variance, weight, bias. */
export const batchNormInferenceKernel: GpuKernel<{ eps: number }> = (context, [x, mean, variance, weight, bias], [y], { eps }) => {
  apply(context, 'inference', [x!, mean!, variance!, weight!, bias!, y!], viewParams(x!, eps));
};

/**
 * The gradients of batch norm in training: per-channel `Σ g` and `Σ g · (x - mean)`, then the input
 * gradient. Inputs: grad y, x, mean, invStd, weight; outputs: grad x, grad weight, grad bias.
 */
export const batchNormBackwardKernel: GpuKernel<Record<string, never>> = (context, [g, x, mean, invStd, weight], [dx, gradWeight, gradBias]) => {
  const params = viewParams(x!, 0);
  stats(context, 'backward', [g!, x!, mean!, invStd!, gradWeight!, gradBias!], params, 4);
  apply(context, 'backward', [g!, x!, mean!, invStd!, weight!, gradWeight!, gradBias!, dx!], params);
};
