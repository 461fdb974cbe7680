import { AdaptiveAvgPool2d, Module, type Tensor, reshape } from '@mmpt/tensor';

/** The guide's GlobalAveragePooling neck: a 1x1 adaptive average pool, flattened. */
export class GlobalAveragePooling extends Module<[Tensor[]], Tensor[]> {
  readonly gap: AdaptiveAvgPool2d;

  constructor() {
    super();
    this.gap = this.registerModule('gap', new AdaptiveAvgPool2d([1, 1]));
  }

  forward(inputs: Tensor[]): Tensor[] {
    // The backbone returns a list; pool each tensor of it.
    return inputs.map((input) => {
      const pooled = this.gap.forward(input);
      const flat = reshape(pooled, [input.shape[0] as number, -1]);
      pooled.dispose();
      return flat;
    });
  }
}
