import { recordOp } from '../../autograd/record-op';
import { tidy } from '../../core/engine';
import { runKernel, runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { add, div, mul, sub } from '../arithmetic';
import { full } from '../creation';
import { sum } from '../reduce';
import { reshape } from '../reshape';

/** The statistics of a fused batch-norm step: per-channel mean and biased variance, shape [C]. */
export interface FusedBatchNormResult {
  output: Tensor;
  mean: Tensor;
  variance: Tensor;
}

/** Whether the fused batch-norm kernel `kernel` can serve this call (the backend has it, one dtype throughout). */
export function canFuseBatchNorm(kernel: 'batchNormTrain' | 'batchNormInference', x: Tensor, others: ReadonlyArray<Tensor | null | undefined>): boolean {
  return x.backend.hasKernel(kernel) && others.every((other) => !other || (other.dtype === x.dtype && other.backend === x.backend));
}

/** The weight or bias, or a tensor of `value` standing in for an absent one (the caller disposes it). */
function channelTensor(given: Tensor | null | undefined, value: number, like: Tensor): Tensor {
  return given ?? full([like.shape[1] as number], value, { dtype: like.dtype, backend: like.backend });
}

/**
 * Batch norm in training through the backend's fused `batchNormTrain` kernel: one kernel computes
 * the statistics and the normalised, scaled output. Its gradient is the fused `batchNormBackward`
 * kernel where the backend has it, else the same closed form from public ops.
 */
export function fusedBatchNormTrain(x: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, eps: number): FusedBatchNormResult {
  const channels = x.shape[1] as number;
  const scale = channelTensor(weight, 1, x);
  const shift = channelTensor(bias, 0, x);
  const statistic = { shape: [channels], dtype: x.dtype };
  const [output, mean, variance, invStd] = runKernel('batchNormTrain', [x, scale, shift], [{ shape: x.shape, dtype: x.dtype }, statistic, statistic, statistic], { eps }) as [
    Tensor,
    Tensor,
    Tensor,
    Tensor,
  ];
  const hasWeight = Boolean(weight);
  const hasBias = Boolean(bias);
  recordOp(
    'batchNorm',
    [x, weight, bias],
    output,
    (grad, [savedX, savedMean, savedInvStd, savedWeight]) => {
      const [gradInput, gradWeight, gradBias] = batchNormBackward(grad, savedX as Tensor, savedMean as Tensor, savedInvStd as Tensor, savedWeight as Tensor);
      if (!hasWeight) gradWeight.dispose();
      if (!hasBias) gradBias.dispose();
      return [gradInput, hasWeight ? gradWeight : null, hasBias ? gradBias : null];
    },
    [x, mean, invStd, scale],
  );
  invStd.dispose();
  if (scale !== weight) scale.dispose();
  if (shift !== bias) shift.dispose();
  return { output, mean, variance };
}

/** The gradients of batch norm in training: [grad input, grad weight, grad bias]. */
function batchNormBackward(grad: Tensor, x: Tensor, mean: Tensor, invStd: Tensor, weight: Tensor): [Tensor, Tensor, Tensor] {
  const channels = x.shape[1] as number;
  if (grad.backend.hasKernel('batchNormBackward')) {
    const statistic = { shape: [channels], dtype: x.dtype };
    return runKernel('batchNormBackward', [grad, x, mean, invStd, weight], [{ shape: x.shape, dtype: x.dtype }, statistic, statistic], {}) as [Tensor, Tensor, Tensor];
  }
  return tidy(() => {
    const viewShape = x.shape.map((_, axis) => (axis === 1 ? channels : 1));
    const axes = x.shape.map((_, axis) => axis).filter((axis) => axis !== 1);
    const count = x.size / channels;
    const xHat = mul(sub(x, reshape(mean, viewShape)), reshape(invStd, viewShape));
    const gradBias = sum(grad, axes);
    const gradWeight = sum(mul(grad, xHat), axes);
    const centered = sub(sub(grad, div(reshape(gradBias, viewShape), count)), mul(xHat, div(reshape(gradWeight, viewShape), count)));
    const gradInput = mul(reshape(mul(weight, invStd), viewShape), centered);
    return [gradInput, gradWeight, gradBias] as [Tensor, Tensor, Tensor];
  });
}

/**
 * Batch norm with given statistics through the backend's fused `batchNormInference` kernel; only
 * for calls that record no gradient (the caller checks).
 */
export function fusedBatchNormInference(
  x: Tensor,
  runningMean: Tensor,
  runningVar: Tensor,
  weight: Tensor | null | undefined,
  bias: Tensor | null | undefined,
  eps: number,
): Tensor {
  const scale = channelTensor(weight, 1, x);
  const shift = channelTensor(bias, 0, x);
  const output = runKernel1('batchNormInference', [x, runningMean, runningVar, scale, shift], { shape: x.shape, dtype: x.dtype }, { eps });
  if (scale !== weight) scale.dispose();
  if (shift !== bias) shift.dispose();
  return output;
}
