import type { CpuKernel, CpuTensor } from '../cpu-tensor';
import { vectorKernels } from './vector-kernels';

/** The `[N, C, S]` view of a batch-norm input with channels on axis 1. */
function channelView(x: CpuTensor): { batch: number; channels: number; spatial: number } {
  const batch = x.shape[0] as number;
  const channels = x.shape[1] as number;
  let spatial = 1;
  for (let axis = 2; axis < x.shape.length; axis++) spatial *= x.shape[axis] as number;
  return { batch, channels, spatial };
}

/**
 * Batch norm in training, one channel at a time (its values stay in cache across the passes): the
 * mean, then the biased variance around it (two SIMD passes accumulating in float64), then the
 * normalised and scaled output. Inputs: x, weight, bias; outputs: y, mean, variance, invStd.
 */
export const batchNormTrainKernel: CpuKernel<{ eps: number }> = ([input, weight, bias], [output, meanOutput, varianceOutput, invStdOutput], { eps }, context) => {
  const vector = vectorKernels(context.compute);
  const { batch, channels, spatial } = channelView(input!);
  const count = batch * spatial;
  const planeStride = channels * spatial;
  for (let channel = 0; channel < channels; channel++) {
    const x = input!.offset + 4 * channel * spatial;
    const mean = vector.channelSum(x, batch, spatial, planeStride) / count;
    const variance = vector.channelSquaredDeviation(x, batch, spatial, planeStride, mean) / count;
    const invStd = 1 / Math.sqrt(variance + eps);
    const scale = invStd * (weight!.data[channel] as number);
    const shift = (bias!.data[channel] as number) - mean * scale;
    vector.channelAffine(x, output!.offset + 4 * channel * spatial, batch, spatial, planeStride, scale, shift);
    meanOutput!.data[channel] = mean;
    varianceOutput!.data[channel] = variance;
    invStdOutput!.data[channel] = invStd;
  }
};

/** Batch norm with given statistics: `x · scale + shift` per channel. Inputs: x, mean, variance, weight, bias. */
export const batchNormInferenceKernel: CpuKernel<{ eps: number }> = ([input, meanInput, varianceInput, weight, bias], [output], { eps }, context) => {
  const vector = vectorKernels(context.compute);
  const { batch, channels, spatial } = channelView(input!);
  const planeStride = channels * spatial;
  for (let channel = 0; channel < channels; channel++) {
    const scale = (weight!.data[channel] as number) / Math.sqrt((varianceInput!.data[channel] as number) + eps);
    const shift = (bias!.data[channel] as number) - (meanInput!.data[channel] as number) * scale;
    const offset = 4 * channel * spatial;
    vector.channelAffine(input!.offset + offset, output!.offset + offset, batch, spatial, planeStride, scale, shift);
  }
};

/**
 * The gradients of batch norm in training, one channel at a time: the sums `Σ g` and
 * `Σ g · (x - mean)` (float64), then the input gradient. Inputs: grad y, x, mean, invStd, weight;
 * outputs: grad x, grad weight, grad bias.
 */
export const batchNormBackwardKernel: CpuKernel<Record<string, never>> = (
  [gradOutput, input, meanInput, invStdInput, weight],
  [gradInput, gradWeight, gradBias],
  _,
  context,
) => {
  const vector = vectorKernels(context.compute);
  const { batch, channels, spatial } = channelView(input!);
  const count = batch * spatial;
  const planeStride = channels * spatial;
  for (let channel = 0; channel < channels; channel++) {
    const offset = 4 * channel * spatial;
    const g = gradOutput!.offset + offset;
    const x = input!.offset + offset;
    const mean = meanInput!.data[channel] as number;
    const invStd = invStdInput!.data[channel] as number;
    const [gradSum, gradDot] = vector.channelGradientSums(g, x, batch, spatial, planeStride, mean);
    const weightGrad = gradDot * invStd;
    gradWeight!.data[channel] = weightGrad;
    gradBias!.data[channel] = gradSum;
    // dx = k·g - k·Σg/M - (x - mean)·k·invStd·Σ(g·x̂)/M with k = weight · invStd.
    const k = (weight!.data[channel] as number) * invStd;
    vector.channelGradientApply(g, x, gradInput!.offset + offset, batch, spatial, planeStride, k, -k * (gradSum / count), mean, (k * invStd * weightGrad) / count);
  }
};
