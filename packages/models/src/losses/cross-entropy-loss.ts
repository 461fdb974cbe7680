import {
  type Tensor,
  binaryCrossEntropyWithLogits,
  cast,
  crossEntropy,
  logSoftmax,
  mul,
  neg,
  oneHot,
  reshape,
  sum,
  tensor,
} from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { type Reduction, weightReduceLoss } from './weight-reduce-loss';

/** The options of {@link CrossEntropyLoss}, as MMPretrain's. */
export interface CrossEntropyLossOptions {
  /** Binary cross-entropy of each class with a sigmoid (multi-label). */
  use_sigmoid?: boolean;
  /** Soft (probability) targets with a softmax. */
  use_soft?: boolean;
  reduction?: Reduction;
  loss_weight?: number;
  class_weight?: number[] | null;
  pos_weight?: number[] | null;
}

/** The options of one call of a loss, as MMPretrain's `forward(cls_score, label, weight, avg_factor, reduction_override)`. */
export interface LossCallOptions {
  /** A weight per sample. */
  weight?: Tensor | null;
  /** Divide the summed loss by this instead of by the count (heads pass the batch size). */
  avgFactor?: number;
  reductionOverride?: Reduction;
}

/**
 * MMPretrain's `CrossEntropyLoss`: softmax cross-entropy with class-index targets (the default;
 * `[N, C]` float targets such as Mixup scores are taken as probabilities, as PyTorch's
 * `cross_entropy` does), soft targets (`use_soft`), or per-class sigmoid binary cross-entropy
 * (`use_sigmoid`). Class
 * weights multiply each sample's loss and the mean divides by the number of samples (or
 * `avg_factor`), MMPretrain's averaging rather than PyTorch's weighted mean.
 */
export class CrossEntropyLoss extends BaseModule<[Tensor, Tensor, LossCallOptions?], Tensor> {
  readonly useSigmoid: boolean;
  readonly useSoft: boolean;
  readonly reduction: Reduction;
  readonly lossWeight: number;
  readonly classWeight: number[] | null;
  readonly posWeight: number[] | null;

  constructor(options: CrossEntropyLossOptions = {}) {
    super();
    this.useSigmoid = options.use_sigmoid ?? false;
    this.useSoft = options.use_soft ?? false;
    if (this.useSigmoid && this.useSoft) throw new Error('CrossEntropyLoss: use_sigmoid and use_soft cannot both be true');
    this.reduction = options.reduction ?? 'mean';
    this.lossWeight = options.loss_weight ?? 1;
    this.classWeight = options.class_weight ?? null;
    this.posWeight = options.pos_weight ?? null;
  }

  /** `clsScore` is [N, C]; `label` is int32 [N] class indices, or float [N, C] scores. */
  forward(clsScore: Tensor, label: Tensor, options: LossCallOptions = {}): Tensor {
    const reduction = options.reductionOverride ?? this.reduction;
    const backend = clsScore.backend;
    const classWeight = this.classWeight ? tensor(this.classWeight, { backend }) : null;
    let loss: Tensor;
    if (this.useSigmoid) loss = this.binary(clsScore, label, reduction, options, classWeight);
    else if (this.useSoft || (label.rank === 2 && label.shape[1] === clsScore.shape[1] && label.dtype !== 'int32')) {
      // MMPretrain's default path calls F.cross_entropy, which takes [N, C] probability targets
      // (Mixup/CutMix scores) with the same formula as the soft cross-entropy.
      loss = this.soft(clsScore, label, reduction, options, classWeight);
    } else {
      if (label.dtype !== 'int32') throw new TypeError(`CrossEntropyLoss: class-index labels must be int32, got ${label.dtype} (set use_soft for score targets)`);
      const perSample = crossEntropy(clsScore, label, { weight: classWeight, reduction: 'none' });
      loss = weightReduceLoss(perSample, options.weight, reduction, options.avgFactor);
      if (loss !== perSample) perSample.dispose();
    }
    classWeight?.dispose();
    if (this.lossWeight === 1) return loss;
    const scaled = mul(loss, this.lossWeight);
    loss.dispose();
    return scaled;
  }

  private soft(clsScore: Tensor, label: Tensor, reduction: Reduction, options: LossCallOptions, classWeight: Tensor | null): Tensor {
    const logProbabilities = logSoftmax(clsScore, 1);
    const products = mul(label, logProbabilities);
    const negated = neg(products);
    const weighted = classWeight ? mul(negated, classWeight) : negated;
    const perSample = sum(weighted, 1);
    const loss = weightReduceLoss(perSample, options.weight, reduction, options.avgFactor);
    for (const item of [logProbabilities, products, negated, weighted, perSample]) if (item !== loss) item.dispose();
    return loss;
  }

  private binary(clsScore: Tensor, label: Tensor, reduction: Reduction, options: LossCallOptions, classWeight: Tensor | null): Tensor {
    const numClasses = clsScore.shape[1] as number;
    const target = label.rank === clsScore.rank ? cast(label, 'float32') : oneHot(label, numClasses);
    const posWeight = this.posWeight ? tensor(this.posWeight, { backend: clsScore.backend }) : null;
    const elementwise = binaryCrossEntropyWithLogits(clsScore, target, { weight: classWeight, posWeight, reduction: 'none' });
    const sampleWeight = options.weight ? reshape(options.weight, [-1, 1]) : null;
    const loss = weightReduceLoss(elementwise, sampleWeight, reduction, options.avgFactor);
    for (const item of [target, posWeight, elementwise, sampleWeight]) if (item && item !== loss) item.dispose();
    return loss;
  }
}
