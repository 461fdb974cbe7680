import { recordOp } from '../../autograd/record-op';
import { noGrad, tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { add, mul, sub } from '../arithmetic';
import { mean } from '../reduce';
import { rsqrt, square } from '../unary';

/** The result of {@link standardize}: the normalised values and the statistics (kept axes, no grad). */
export interface Standardized {
  output: Tensor;
  /** The mean over the axes, with the reduced axes kept as size 1. */
  mean: Tensor;
  /** The biased variance over the axes, with the reduced axes kept as size 1. */
  variance: Tensor;
}

/**
 * `(x - mean) / sqrt(var + eps)` over the given axes with the biased variance: the core of batch,
 * layer and group normalisation. The gradient is the closed form
 * `rstd * (g - mean(g) - x̂ * mean(g * x̂))`, saving only x̂ and rstd.
 */
export function standardize(x: Tensor, axes: readonly number[], eps: number): Standardized {
  const { output, average, variance, rstd } = noGrad(() =>
    tidy(() => {
      const average = mean(x, axes, true);
      const centered = sub(x, average);
      const variance = mean(square(centered), axes, true);
      const rstd = rsqrt(add(variance, eps));
      return { output: mul(centered, rstd), average, variance, rstd };
    }),
  );
  recordOp(
    'standardize',
    [x],
    output,
    (grad, [normalized, scale]) =>
      tidy(() => {
        const xHat = normalized as Tensor;
        const gradMean = mean(grad, axes, true);
        const projection = mean(mul(grad, xHat), axes, true);
        return [mul(scale as Tensor, sub(sub(grad, gradMean), mul(xHat, projection)))];
      }),
    [output, rstd],
  );
  rstd.dispose();
  return { output, mean: average, variance };
}
