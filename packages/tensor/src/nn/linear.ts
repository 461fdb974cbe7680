import type { Tensor } from '../core/tensor';
import { linear } from '../ops/matmul';
import { kaimingUniform, uniform, calculateFanInAndFanOut } from './init';
import { type LayerOptions, emptyParameter } from './layer-options';
import { Module } from './module';
import type { Parameter } from './parameter';

/** The options of {@link Linear}. */
export interface LinearOptions extends LayerOptions {
  /** Whether the layer adds a learnable bias (default true). */
  bias?: boolean;
}

/**
 * `y = x · weightᵀ + bias`, as `torch.nn.Linear`: `weight` is `[outFeatures, inFeatures]` and
 * `bias` `[outFeatures]`, initialised as PyTorch does (kaiming uniform with a = √5 for the weight,
 * U(-1/√inFeatures, 1/√inFeatures) for the bias).
 */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    for (const [name, value] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${value}`);
    }
    this.weight = this.registerParameter('weight', emptyParameter([outFeatures, inFeatures], options));
    this.bias = this.registerParameter('bias', options.bias ?? true ? emptyParameter([outFeatures], options) : null);
    this.resetParameters(options);
  }

  /** Re-initialises the parameters as the constructor does. */
  resetParameters(options: Pick<LayerOptions, 'generator'> = {}): void {
    kaimingUniform(this.weight, { a: Math.sqrt(5), generator: options.generator });
    if (this.bias) {
      const { fanIn } = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform(this.bias, { a: -bound, b: bound, generator: options.generator });
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }
}
