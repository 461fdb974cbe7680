import {
  type Tensor,
  add,
  cast,
  clamp,
  crossEntropy,
  detach,
  div,
  gather,
  greater,
  indexSelect,
  less,
  log,
  mul,
  noGrad,
  ones,
  oneHot,
  pow,
  reshape,
  softmax,
  sub,
  tensor,
  tidy,
  unsqueeze,
  zeros,
} from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossCallOptions } from './cross-entropy-loss';
import { checkReduction } from './loss-options';
import { type Reduction, weightReduceLoss } from './weight-reduce-loss';

/** The options of {@link SeesawLoss}, as MMPretrain's. */
export interface SeesawLossOptions {
  /** Only false (the softmax form) is supported, as in MMPretrain. */
  use_sigmoid?: boolean;
  /** The exponent of the mitigation factor (default 0.8). */
  p?: number;
  /** The exponent of the compensation factor (default 2). */
  q?: number;
  /** Default 1000 (ImageNet). */
  num_classes?: number;
  /** The smallest divisor of the compensation factor (default 1e-2). */
  eps?: number;
  reduction?: Reduction;
  loss_weight?: number;
}

/**
 * MMPretrain's `SeesawLoss` (https://arxiv.org/abs/2008.10032) for long-tailed classification:
 * cross-entropy whose negative-class logits are shifted by `log` of a mitigation factor (from the
 * cumulative class counts, the buffer `cum_samples`, updated by every call) and a compensation
 * factor (from the detached scores). Labels are class indices.
 */
export class SeesawLoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly p: number;
  readonly q: number;
  readonly numClasses: number;
  readonly eps: number;
  readonly reduction: Reduction;
  readonly lossWeight: number;

  constructor(options: SeesawLossOptions = {}) {
    super();
    if (options.use_sigmoid) throw new Error('SeesawLoss: use_sigmoid is not supported');
    this.p = options.p ?? 0.8;
    this.q = options.q ?? 2;
    this.numClasses = options.num_classes ?? 1000;
    this.eps = options.eps ?? 1e-2;
    this.reduction = checkReduction('SeesawLoss', options.reduction) ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
    this.registerBuffer('cum_samples', zeros([this.numClasses]));
  }

  /** The cumulative number of samples of each class seen so far. */
  get cumSamples(): Tensor {
    return this.getBuffer('cum_samples');
  }

  forward(clsScore: Tensor, labels: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = checkReduction('SeesawLoss', options.reductionOverride, 'reductionOverride') ?? this.reduction;
    const [count, classes] = clsScore.shape as [number, number];
    if (labels.size !== count) throw new RangeError(`SeesawLoss: expected labels of shape [${count}], got [${labels.shape.join(', ')}]`);
    if (classes !== this.numClasses) throw new RangeError(`SeesawLoss: the scores have ${classes} classes but num_classes is ${this.numClasses}`);
    const indices = Int32Array.from(labels.dataSync(), Number);
    this.accumulate(indices);
    return tidy(() => {
      const target = tensor(indices, { backend: clsScore.backend });
      const oneHotLabels = cast(oneHot(target, classes), 'float32');
      const seesawWeights = noGrad(() => this.seesawWeights(clsScore, target));
      const adjusted = add(clsScore, mul(log(seesawWeights), sub(1, oneHotLabels)));
      const loss = crossEntropy(adjusted, target, { reduction: 'none' });
      const weight = options.weight ?? ones([count], { backend: clsScore.backend });
      return mul(weightReduceLoss(loss, weight, reduction, options.avgFactor), this.lossWeight);
    });
  }

  /** Adds the labels of a batch to `cum_samples`. */
  private accumulate(indices: Int32Array): void {
    const counts = new Float32Array(this.numClasses);
    for (const label of indices) {
      if (label < 0 || label >= this.numClasses) throw new RangeError(`SeesawLoss: the label ${label} is outside 0..${this.numClasses - 1}`);
      counts[label] = (counts[label] as number) + 1;
    }
    const previous = this.cumSamples;
    const next = noGrad(() => add(previous, tensor(counts, { backend: previous.backend })));
    this.registerBuffer('cum_samples', next);
    previous.dispose();
  }

  /** The product of the mitigation and compensation factors, `[N, C]`. */
  private seesawWeights(clsScore: Tensor, target: Tensor): Tensor {
    let weights = ones(clsScore.shape, { backend: clsScore.backend });
    if (this.p > 0) {
      const counts = clamp(this.cumSamples, 1);
      const ratio = div(unsqueeze(counts, 0), unsqueeze(counts, 1));
      const below = cast(less(ratio, 1), 'float32');
      const sampleWeights = add(mul(pow(ratio, this.p), below), sub(1, below));
      weights = mul(weights, indexSelect(sampleWeights, 0, target));
    }
    if (this.q > 0) {
      const scores = softmax(detach(clsScore), 1);
      const own = gather(scores, 1, reshape(target, [-1, 1]));
      const matrix = div(scores, clamp(own, this.eps));
      const above = cast(greater(matrix, 1), 'float32');
      weights = mul(weights, add(mul(pow(matrix, this.q), above), sub(1, above)));
    }
    return weights;
  }
}
