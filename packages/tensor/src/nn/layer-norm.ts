import type { Tensor } from '../core/tensor';
import { layerNorm } from '../ops/nn/layer-norm';
import { type LayerOptions, filledTensor } from './layer-options';
import { Module } from './module';
import type { Parameter } from './parameter';
import { pythonBool, pythonFloat } from './python-repr';

/** The options of {@link LayerNorm}. */
export interface LayerNormOptions extends Omit<LayerOptions, 'generator'> {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Whether the layer has a learnable `weight` (ones) and `bias` (default true). */
  elementwiseAffine?: boolean;
  /** Whether the affine layer has a `bias` (zeros) (default true). */
  bias?: boolean;
}

/**
 * Layer normalisation over the last axes (whose sizes are `normalizedShape`), as
 * `torch.nn.LayerNorm`: `weight` ones and `bias` zeros of shape `normalizedShape`.
 *
 * @example
 * const norm = new LayerNorm(768, { eps: 1e-6 });
 */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    this.normalizedShape = Object.freeze(typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape]);
    if (this.normalizedShape.length === 0 || this.normalizedShape.some((size) => !Number.isInteger(size) || size < 1)) {
      throw new RangeError(`LayerNorm: normalizedShape must be positive integers, got ${JSON.stringify(normalizedShape)}`);
    }
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const affine = this.elementwiseAffine;
    this.weight = this.registerParameter('weight', affine ? filledTensor(this.normalizedShape, 1, options) : null);
    this.bias = this.registerParameter('bias', affine && (options.bias ?? true) ? filledTensor(this.normalizedShape, 0, options) : null);
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${shape}, eps=${pythonFloat(this.eps)}, elementwise_affine=${pythonBool(this.elementwiseAffine)}`;
  }
}
