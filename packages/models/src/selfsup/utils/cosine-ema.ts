import { type Tensor, add, mul } from '@mmpt/tensor';
import { ExponentialMovingAverage, type ExponentialMovingAverageOptions } from './exponential-moving-average';

/** The options of {@link CosineEMA}, as MMPretrain's. */
export interface CosineEMAOptions extends ExponentialMovingAverageOptions {
  /** The momentum at the end of training (the start is `momentum`, default 0.004). Default 0. */
  end_momentum?: number;
}

/**
 * MMPretrain's `CosineEMA` (BYOL, MoCo v3): an exponential moving average whose momentum follows a
 * cosine from `momentum` to `end_momentum` over the run,
 * `m = end - (end - start) * (cos(π k / K) + 1) / 2` at update `k` of `K = max_iters`, and updates
 * `avg = (1 - m) * avg + m * source`. `max_iters` comes from the training loop through
 * {@link CosineEMA.setRuntimeInfo} (MMPretrain reads it from the message hub).
 */
export class CosineEMA extends ExponentialMovingAverage {
  readonly endMomentum: number;
  /** The total number of training iterations (`K`); null until the runtime information arrives. */
  maxIters: number | null = null;

  constructor(options: CosineEMAOptions) {
    super(options);
    this.endMomentum = options.end_momentum ?? 0;
  }

  protected override defaultMomentum(): number {
    return 0.004;
  }

  /** Takes `max_iters` from the training loop's runtime information. */
  setRuntimeInfo(info: Record<string, unknown>): void {
    const maxIters = info.max_iters;
    if (typeof maxIters === 'number' && maxIters > 0) this.maxIters = maxIters;
  }

  /** The momentum of update `steps`. */
  momentumAt(steps: number): number {
    if (this.maxIters === null) {
      throw new Error('CosineEMA: max_iters is unknown; the training loop must pass it through setRuntimeInfo({ max_iters }) before the first update');
    }
    const cosineAnnealing = (Math.cos((Math.PI * steps) / this.maxIters) + 1) / 2;
    return this.endMomentum - (this.endMomentum - this.momentum) * cosineAnnealing;
  }

  override avgFunc(averaged: Tensor, source: Tensor, steps: number): Tensor {
    const momentum = this.momentumAt(steps);
    return add(mul(averaged, 1 - momentum), mul(source, momentum));
  }
}
