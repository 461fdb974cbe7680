import { type Tensor, add, mul, sub } from '@mmpt/tensor';
import { BaseAveragedModel } from './base-averaged-model';

/**
 * MMEngine's `StochasticWeightAverage` (SWA, Izmailov et al., UAI 2018): the plain mean of the
 * source's weights at every `interval`-th update,
 * `averaged = averaged + (source - averaged) / (floor(steps / interval) + 1)` (the first update
 * copies the source).
 *
 * @example
 * const swa = new StochasticWeightAverage({ model, interval: 100 });
 */
export class StochasticWeightAverage extends BaseAveragedModel {
  /** `averaged + (source - averaged) / (floor(steps / interval) + 1)`. */
  avgFunc(averaged: Tensor, source: Tensor, steps: number): Tensor {
    return add(averaged, mul(sub(source, averaged), 1 / (Math.floor(steps / this.interval) + 1)));
  }
}
