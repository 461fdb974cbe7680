import { type Generator, type Tensor, add, cast, defaultGenerator, indexSelect, mul, permutation, tensor, tidy } from '@mmpt/tensor';
import { sampleBeta } from './sample-beta';

/** The options of {@link Mixup}, as MMPretrain's. */
export interface MixupOptions {
  /** The parameter of the Beta(α, α) distribution of the mixing ratio λ (positive). */
  alpha: number;
  /** The random source (default: the default generator). */
  generator?: Generator;
}

/** A batch augmentation: takes `[N, C, H, W]` inputs and `[N, classes]` scores, returns mixed ones. */
export interface BatchAugment {
  apply(inputs: Tensor, scores: Tensor): [Tensor, Tensor];
}

/**
 * MMPretrain's `Mixup` (https://arxiv.org/abs/1710.09412): draws λ ~ Beta(α, α) and a random
 * permutation of the batch, and returns `λ·x + (1 - λ)·x[perm]` with the same mix of the one-hot
 * scores.
 *
 * @example
 * const [inputs, scores] = new Mixup({ alpha: 0.8 }).apply(batch, oneHotScores);
 */
export class Mixup implements BatchAugment {
  readonly alpha: number;
  readonly generator: Generator;

  constructor(options: MixupOptions) {
    if (!(typeof options.alpha === 'number' && options.alpha > 0)) throw new RangeError(`${this.constructor.name}: alpha must be a positive number, got ${JSON.stringify(options.alpha)}`);
    this.alpha = options.alpha;
    this.generator = options.generator ?? defaultGenerator;
  }

  /** Checks the shapes, then mixes (see {@link Mixup.mix}). */
  apply(inputs: Tensor, scores: Tensor): [Tensor, Tensor] {
    if (scores.rank !== 2) throw new RangeError(`${this.constructor.name}: expects [N, classes] scores (one-hot), got [${scores.shape.join(', ')}]`);
    if (inputs.shape[0] !== scores.shape[0]) throw new RangeError(`${this.constructor.name}: ${inputs.shape[0]} inputs but ${scores.shape[0]} scores`);
    return tidy(() => this.mix(inputs, scores.dtype === 'float32' ? scores : cast(scores, 'float32')));
  }

  /** Mixes a batch with a permutation of itself. */
  protected mix(inputs: Tensor, scores: Tensor): [Tensor, Tensor] {
    const lambda = sampleBeta(this.alpha, this.alpha, this.generator);
    const index = this.permutation(inputs);
    return [mixPair(inputs, index, lambda), mixPair(scores, index, lambda)];
  }

  /** A random permutation of the batch, as an int32 index tensor. */
  protected permutation(inputs: Tensor): Tensor {
    return tensor(permutation(inputs.shape[0] as number, this.generator), { backend: inputs.backend });
  }
}

/** `λ·x + (1 - λ)·x[index]`. */
export function mixPair(x: Tensor, index: Tensor, lambda: number): Tensor {
  return add(mul(x, lambda), mul(indexSelect(x, 0, index), 1 - lambda));
}
