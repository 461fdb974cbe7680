import { type Tensor, full, mul, tidy, where } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { CrossEntropyLoss, type LossCallOptions } from './cross-entropy-loss';
import { checkReduction } from './loss-options';
import { oneHotTarget } from './one-hot-target';
import type { Reduction } from './weight-reduce-loss';

/** How {@link LabelSmoothLoss} smooths the targets. */
export type LabelSmoothMode = 'original' | 'classy_vision' | 'multi_label';

/** The options of {@link LabelSmoothLoss}, as MMPretrain's. */
export interface LabelSmoothLossOptions {
  /** The smoothing ε, in [0, 1). */
  label_smooth_val: number;
  /** The classes (taken from the scores when absent). */
  num_classes?: number | null;
  /** Binary cross-entropy instead of softmax (default: only in multi_label mode). */
  use_sigmoid?: boolean | null;
  mode?: LabelSmoothMode;
  reduction?: Reduction;
  loss_weight?: number;
}

/**
 * MMPretrain's `LabelSmoothLoss`: cross-entropy against smoothed targets, for class indices or
 * (mixed) one-hot targets. `original`: `(1 - ε)·y + ε/K`; `classy_vision`: the same with
 * `ε / (1 + ε)`; `multi_label`: `1 - ε` for positives and `ε` for negatives, with sigmoid BCE.
 * Unlike MMPretrain, whose `reduction` option is ignored (only `reductionOverride` changes its
 * mean), `reduction` is applied.
 */
export class LabelSmoothLoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly labelSmoothVal: number;
  readonly mode: LabelSmoothMode;
  readonly reduction: Reduction;
  readonly lossWeight: number;
  readonly useSigmoid: boolean;
  numClasses: number | null;
  readonly #eps: number;
  readonly #crossEntropy: CrossEntropyLoss;

  constructor(options: LabelSmoothLossOptions) {
    super();
    const value = options.label_smooth_val;
    if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new RangeError(`LabelSmoothLoss: label_smooth_val must be a number in [0, 1), got ${JSON.stringify(value)}`);
    this.labelSmoothVal = value;
    this.reduction = checkReduction('LabelSmoothLoss', options.reduction) ?? 'mean';
    this.mode = options.mode ?? 'original';
    if (!['original', 'classy_vision', 'multi_label'].includes(this.mode)) {
      throw new RangeError(`LabelSmoothLoss: mode must be 'original', 'classy_vision' or 'multi_label', got ${JSON.stringify(this.mode)}`);
    }
    this.lossWeight = options.loss_weight ?? 1;
    this.numClasses = options.num_classes ?? null;
    this.#eps = this.mode === 'classy_vision' ? value / (1 + value) : value;
    this.useSigmoid = options.use_sigmoid ?? this.mode === 'multi_label';
    this.#crossEntropy = new CrossEntropyLoss({ use_sigmoid: this.useSigmoid, use_soft: !this.useSigmoid, reduction: this.reduction });
  }

  /** The smoothed targets of one-hot-like targets. */
  smoothLabel(oneHotLike: Tensor): Tensor {
    const classes = oneHotLike.shape[1] as number;
    return tidy(() => {
      if (this.mode === 'multi_label') return where(oneHotLike.gt(0), 1 - this.#eps, full(oneHotLike.shape, this.#eps, { backend: oneHotLike.backend }));
      return mul(oneHotLike, 1 - this.#eps).add(this.#eps / classes);
    });
  }

  /** `clsScore` is `[N, C]`; `label` holds class indices `[N]` or one-hot-like `[N, C]` targets. */
  forward(clsScore: Tensor, label: Tensor, options: LossCallOptions = {}): Tensor {
    const classes = clsScore.shape[1] as number;
    if (this.numClasses === null) this.numClasses = classes;
    else if (this.numClasses !== classes) throw new RangeError(`LabelSmoothLoss: num_classes is ${this.numClasses} but the scores have ${classes} classes`);
    return tidy(() => {
      const smoothed = this.smoothLabel(oneHotTarget(label, classes, 'LabelSmoothLoss'));
      const loss = this.#crossEntropy.forward(clsScore, smoothed, options);
      return this.lossWeight === 1 ? loss : mul(loss, this.lossWeight);
    });
  }
}
