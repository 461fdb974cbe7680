import type { Tensor } from '../core/tensor';
import { groupNorm } from '../ops/nn/group-norm';
import { type LayerOptions, filledTensor } from './layer-options';
import { Module } from './module';
import type { Parameter } from './parameter';
import { pythonBool, pythonFloat } from './python-repr';

/** The options of {@link GroupNorm}. */
export interface GroupNormOptions extends Omit<LayerOptions, 'generator'> {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Whether the layer has a learnable per-channel `weight` (ones) and `bias` (zeros) (default true). */
  affine?: boolean;
}

/**
 * Group normalisation of `[N, C, ...]` input, as `torch.nn.GroupNorm`: the channels are split into
 * `numGroups` groups normalised separately, then a per-channel `weight` and `bias` apply.
 *
 * @example
 * const norm = new GroupNorm(32, 256);
 */
export class GroupNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly eps: number;
  readonly affine: boolean;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    options: GroupNormOptions = {},
  ) {
    super();
    if (!Number.isInteger(numGroups) || numGroups < 1 || !Number.isInteger(numChannels) || numChannels % numGroups !== 0) {
      throw new RangeError(`GroupNorm: numChannels = ${numChannels} must be divisible by numGroups = ${numGroups}`);
    }
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    this.weight = this.registerParameter('weight', this.affine ? filledTensor([numChannels], 1, options) : null);
    this.bias = this.registerParameter('bias', this.affine ? filledTensor([numChannels], 0, options) : null);
  }

  forward(x: Tensor): Tensor {
    return groupNorm(x, this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pythonFloat(this.eps)}, affine=${pythonBool(this.affine)}`;
  }
}
