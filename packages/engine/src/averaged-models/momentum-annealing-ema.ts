import type { Tensor } from '@mmpt/tensor';
import { ExponentialMovingAverage, type ExponentialMovingAverageOptions, lerp } from './exponential-moving-average';

/** The options of {@link MomentumAnnealingEMA}, as MMEngine's. */
export interface MomentumAnnealingEMAOptions extends ExponentialMovingAverageOptions {
  /** The momentum of update `steps` is `max(momentum, gamma / (gamma + steps))`. Positive; default 100. */
  gamma?: number;
}

/**
 * MMEngine's `MomentumAnnealingEMA`: an exponential moving average whose momentum starts large and
 * anneals to `momentum`: at update `steps` (counted from 0) it is
 * `max(momentum, gamma / (gamma + steps))`, then
 * `averaged = (1 - m) * averaged + m * source`.
 *
 * @example
 * const ema = new MomentumAnnealingEMA({ model, momentum: 1e-4, gamma: 2000 });
 */
export class MomentumAnnealingEMA extends ExponentialMovingAverage {
  readonly gamma: number;

  constructor(options: MomentumAnnealingEMAOptions) {
    super(options);
    this.gamma = options.gamma ?? 100;
    if (!(this.gamma > 0)) throw new RangeError(`${this.constructor.name}: gamma must be greater than 0, got ${this.gamma}`);
  }

  /** The momentum of the update that follows `steps` updates. */
  momentumAt(steps: number): number {
    return Math.max(this.momentum, this.gamma / (this.gamma + steps));
  }

  override avgFunc(averaged: Tensor, source: Tensor, steps: number): Tensor {
    return lerp(averaged, source, this.momentumAt(steps));
  }
}
