import { Module, type Tensor, add, clamp, div, hardsigmoid, tidy } from '@mmpt/tensor';

/** The options of {@link HSigmoid}, as MMCV's. */
export interface HSigmoidOptions {
  bias?: number;
  divisor?: number;
  min_value?: number;
  max_value?: number;
}

/**
 * MMCV's `HSigmoid`: `clamp((x + bias) / divisor, min_value, max_value)`; with its defaults (3, 6,
 * 0, 1) it is PyTorch's hardsigmoid.
 */
export class HSigmoid extends Module {
  readonly bias: number;
  readonly divisor: number;
  readonly minValue: number;
  readonly maxValue: number;

  constructor(options: HSigmoidOptions = {}) {
    super();
    this.bias = options.bias ?? 3;
    this.divisor = options.divisor ?? 6;
    if (this.divisor === 0) throw new RangeError('HSigmoid: divisor must not be 0');
    this.minValue = options.min_value ?? 0;
    this.maxValue = options.max_value ?? 1;
  }

  forward(x: Tensor): Tensor {
    if (this.bias === 3 && this.divisor === 6 && this.minValue === 0 && this.maxValue === 1) return hardsigmoid(x);
    return tidy(() => clamp(div(add(x, this.bias), this.divisor), this.minValue, this.maxValue));
  }
}
