import { BINARY_KERNELS, COMPARISON_KERNELS, LOGICAL_KERNELS, REDUCE_KERNELS, UNARY_KERNELS, type KernelAttributes, type KernelName } from '@mmpt/tensor';
import { concatKernel } from './concat';
import { conv2dBackwardFilterKernel, conv2dBackwardInputKernel, conv2dKernel } from './conv2d';
import { cumsumKernel } from './cumsum';
import { batchNormBackwardKernel, batchNormInferenceKernel, batchNormTrainKernel } from './batch-norm';
import { binaryKernel, castKernel, clampKernel, fillKernel, isNanKernel, logicalNotKernel, reluBackwardKernel, unaryKernel, whereKernel } from './elementwise';
import { gatherKernel, scatterAddKernel } from './gather';
import { interpolateBackwardKernel, interpolateKernel } from './interpolate';
import type { GpuKernel } from './kernel-context';
import { matmulKernel } from './matmul';
import { adamUpdateKernel, sgdUpdateKernel } from './optimizer-update';
import { padBackwardKernel, padKernel } from './pad';
import {
  adaptiveAvgPool2dBackwardKernel,
  adaptiveAvgPool2dKernel,
  avgPool2dBackwardKernel,
  avgPool2dKernel,
  maxPool2dBackwardKernel,
  maxPool2dKernel,
} from './pool2d';
import { reduceKernel } from './reduce';
import { stridedCopyKernel, stridedScatterAddKernel } from './strided';
import { topkKernel } from './topk';

/** The GPU kernels by contract name. */
export type GpuKernelTable = { [K in KernelName]?: GpuKernel<KernelAttributes[K]> };

/** Every kernel the WebGPU backend implements (the required ones and the optional fused ones). */
export function gpuKernelTable(): GpuKernelTable {
  const table: Record<string, GpuKernel<never>> = {};
  for (const name of UNARY_KERNELS) table[name] = unaryKernel(name);
  for (const name of [...BINARY_KERNELS, ...COMPARISON_KERNELS, ...LOGICAL_KERNELS]) table[name] = binaryKernel(name);
  for (const name of REDUCE_KERNELS) table[name] = reduceKernel(name);
  Object.assign(table, {
    clamp: clampKernel,
    logicalNot: logicalNotKernel,
    isNan: isNanKernel,
    cast: castKernel,
    where: whereKernel,
    fill: fillKernel,
    cumsum: cumsumKernel,
    stridedCopy: stridedCopyKernel,
    stridedScatterAdd: stridedScatterAddKernel,
    pad: padKernel,
    padBackward: padBackwardKernel,
    concat: concatKernel,
    gather: gatherKernel,
    scatterAdd: scatterAddKernel,
    topk: topkKernel,
    matmul: matmulKernel,
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
    batchNormTrain: batchNormTrainKernel,
    batchNormInference: batchNormInferenceKernel,
    batchNormBackward: batchNormBackwardKernel,
    reluBackward: reluBackwardKernel,
    sgdUpdate: sgdUpdateKernel,
    adamUpdate: adamUpdateKernel,
  });
  return table as GpuKernelTable;
}
