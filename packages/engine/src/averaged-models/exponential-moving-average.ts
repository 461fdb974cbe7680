import { type Tensor, add, mul } from '@mmpt/tensor';
import { BaseAveragedModel, type BaseAveragedModelOptions } from './base-averaged-model';

/** The options of {@link ExponentialMovingAverage}, as MMEngine's. */
export interface ExponentialMovingAverageOptions extends BaseAveragedModelOptions {
  /**
   * The weight of the NEW value in each update (MMEngine's convention, not PyTorch's decay):
   * `averaged = (1 - momentum) * averaged + momentum * source`. In (0, 1); default 0.0002.
   */
  momentum?: number;
}

/**
 * MMEngine's `ExponentialMovingAverage`: every `interval` updates,
 * `averaged = (1 - momentum) * averaged + momentum * source` (the first update copies the source).
 * `EMAHook` builds it by default (`custom_hooks = [{ type: 'EMAHook', momentum: 1e-4 }]`).
 *
 * @example
 * const ema = new ExponentialMovingAverage({ model, momentum: 1e-4 });
 * // after each optimizer step:
 * ema.updateParameters(model);
 */
export class ExponentialMovingAverage extends BaseAveragedModel {
  readonly momentum: number;

  constructor(options: ExponentialMovingAverageOptions) {
    super(options);
    this.momentum = options.momentum ?? 0.0002;
    if (!(this.momentum > 0 && this.momentum < 1)) throw new RangeError(`${this.constructor.name}: momentum must be in (0, 1), got ${this.momentum}`);
  }

  /** `(1 - momentum) * averaged + momentum * source`. */
  avgFunc(averaged: Tensor, source: Tensor, _steps: number): Tensor {
    return lerp(averaged, source, this.momentum);
  }
}

/** `(1 - weight) * start + weight * end`, as MMEngine's `mul_(1 - weight).add_(end, alpha=weight)`. */
export function lerp(start: Tensor, end: Tensor, weight: number): Tensor {
  return add(mul(start, 1 - weight), mul(end, weight));
}
