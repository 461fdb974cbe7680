import { type Tensor, flatten, mean } from '@mmpt/tensor';
import { BaseModule } from '../base-module';

/** The options of {@link GlobalAveragePooling}. */
export interface GlobalAveragePoolingOptions {
  /** 1, 2 or 3 spatial dimensions (2 for NCHW). */
  dim?: 1 | 2 | 3;
}

/**
 * MMPretrain's `GlobalAveragePooling` neck: averages each feature map over its spatial axes and
 * flattens it, for every tensor of the backbone's output.
 */
export class GlobalAveragePooling extends BaseModule<[Tensor[]], Tensor[]> {
  readonly dim: number;

  constructor(options: GlobalAveragePoolingOptions = {}) {
    super();
    this.dim = options.dim ?? 2;
    if (![1, 2, 3].includes(this.dim)) throw new RangeError(`GlobalAveragePooling: dim must be 1, 2 or 3, got ${this.dim}`);
  }

  forward(inputs: Tensor[]): Tensor[] {
    return inputs.map((input) => {
      if (input.rank !== this.dim + 2) throw new RangeError(`GlobalAveragePooling: dim ${this.dim} expects rank ${this.dim + 2} inputs, got [${input.shape.join(', ')}]`);
      const axes = Array.from({ length: this.dim }, (_, index) => index + 2);
      const pooled = mean(input, axes, true);
      const result = flatten(pooled, 1);
      pooled.dispose();
      return result;
    });
  }
}
