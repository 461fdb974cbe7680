import type { KernelAttributes, KernelName } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';
import { adaptiveAvgPool2dBackwardKernel, adaptiveAvgPool2dKernel } from './adaptive-pool';
import { conv2dBackwardFilterKernel, conv2dBackwardInputKernel, conv2dKernel } from './conv2d';
import { interpolateBackwardKernel, interpolateKernel } from './interpolate';
import { avgPool2dBackwardKernel, avgPool2dKernel, maxPool2dBackwardKernel, maxPool2dKernel } from './pool2d';

/** CPU kernels of the network ops (convolution, pooling, interpolation). */
export const NETWORK_KERNELS: { [K in KernelName]?: CpuKernel<KernelAttributes[K]> } = {
  conv2d: conv2dKernel,
  conv2dBackwardInput: conv2dBackwardInputKernel,
  conv2dBackwardFilter: conv2dBackwardFilterKernel,
  maxPool2d: maxPool2dKernel,
  maxPool2dBackward: maxPool2dBackwardKernel,
  avgPool2d: avgPool2dKernel,
  avgPool2dBackward: avgPool2dBackwardKernel,
  adaptiveAvgPool2d: adaptiveAvgPool2dKernel,
  adaptiveAvgPool2dBackward: adaptiveAvgPool2dBackwardKernel,
  interpolate: interpolateKernel,
  interpolateBackward: interpolateBackwardKernel,
};
