import { needsGrad } from '../../autograd/record-op';
import { isFloating } from '../../core/dtype';
import { noGrad, tidy } from '../../core/engine';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { add, mul, sub } from '../arithmetic';
import { reshape } from '../reshape';
import { rsqrt } from '../unary';
import { applyAffine } from './affine';
import { canFuseBatchNorm, fusedBatchNormInference, fusedBatchNormTrain } from './batch-norm-fused';
import { standardize } from './standardize';

/** The options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Normalise with the batch statistics and update the running ones (default false: use the running statistics). */
  training?: boolean;
  /** Weight of the new batch statistic in the running average (default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

function checkChannelTensor(name: string, value: Tensor | null | undefined, channels: number): void {
  if (value && (value.rank !== 1 || value.shape[0] !== channels)) {
    throw new RangeError(`batchNorm: ${name} must have shape [${channels}], got ${formatShape(value.shape)}`);
  }
}

/**
 * Batch normalisation of `[N, C]`, `[N, C, L]` or `[N, C, H, W]` input, as
 * `torch.nn.functional.batch_norm`. In training the batch mean and biased variance normalise
 * the input, and the running statistics (when given) are updated in place with the batch mean
 * and the UNBIASED variance: `running = (1 - momentum) * running + momentum * batch`. Otherwise
 * the running statistics normalise. A backend with the fused `batchNormTrain` / `batchNormInference`
 * kernels runs them instead of the composite of reductions and elementwise ops.
 *
 * @example
 * const y = batchNorm(x, runningMean, runningVar, weight, bias, { training: true });
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight?: Tensor | null,
  bias?: Tensor | null,
  options: BatchNormOptions = {},
): Tensor {
  const training = options.training ?? false;
  const momentum = options.momentum ?? 0.1;
  const eps = options.eps ?? 1e-5;
  if (!isFloating(x.dtype)) throw new TypeError(`batchNorm: the input must be a floating-point tensor, got ${x.dtype}`);
  if (x.rank < 2 || x.rank > 4) throw new RangeError(`batchNorm: expected input of shape [N, C], [N, C, L] or [N, C, H, W], got ${formatShape(x.shape)}`);
  if (!(eps > 0)) throw new RangeError(`batchNorm: eps must be positive, got ${eps}`);
  if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`batchNorm: momentum must be in [0, 1], got ${momentum}`);
  const channels = x.shape[1] as number;
  checkChannelTensor('runningMean', runningMean, channels);
  checkChannelTensor('runningVar', runningVar, channels);
  checkChannelTensor('weight', weight, channels);
  checkChannelTensor('bias', bias, channels);
  if ((runningMean === null) !== (runningVar === null)) throw new RangeError('batchNorm: give both runningMean and runningVar, or neither');
  const viewShape = x.shape.map((_, axis) => (axis === 1 ? channels : 1));
  const axes = x.shape.map((_, axis) => axis).filter((axis) => axis !== 1);
  let normalized: Tensor;
  if (training || !runningMean || !runningVar) {
    if (!training) throw new RangeError('batchNorm: runningMean and runningVar are needed when training is false');
    const count = x.size / channels;
    if (count <= 1) throw new RangeError(`batchNorm: expected more than 1 value per channel when training, got input of shape ${formatShape(x.shape)}`);
    if (canFuseBatchNorm('batchNormTrain', x, [weight, bias])) {
      const fused = fusedBatchNormTrain(x, weight, bias, eps);
      if (runningMean && runningVar) {
        updateRunningStatistic(runningMean, fused.mean, momentum, 1);
        updateRunningStatistic(runningVar, fused.variance, momentum, count / (count - 1));
      }
      fused.mean.dispose();
      fused.variance.dispose();
      return fused.output;
    }
    const standardized = standardize(x, axes, eps);
    normalized = standardized.output;
    if (runningMean && runningVar) {
      updateRunningStatistic(runningMean, standardized.mean, momentum, 1);
      updateRunningStatistic(runningVar, standardized.variance, momentum, count / (count - 1));
    }
    standardized.mean.dispose();
    standardized.variance.dispose();
  } else if (!needsGrad([x, runningMean, runningVar, weight, bias]) && canFuseBatchNorm('batchNormInference', x, [runningMean, runningVar, weight, bias])) {
    return fusedBatchNormInference(x, runningMean, runningVar, weight, bias, eps);
  } else {
    normalized = tidy(() => mul(sub(x, reshape(runningMean, viewShape)), rsqrt(add(reshape(runningVar, viewShape), eps))));
  }
  const result = applyAffine(normalized, weight, bias, viewShape);
  normalized.dispose();
  return result;
}

/** `running = (1 - momentum) * running + momentum * correction * batch`, replacing the running tensor's storage. */
function updateRunningStatistic(running: Tensor, batch: Tensor, momentum: number, correction: number): void {
  noGrad(() => {
    const updated = tidy(() => add(mul(running, 1 - momentum), mul(reshape(batch, running.shape), momentum * correction)));
    running.replaceStorage(updated.storage);
    updated.dispose();
  });
}
