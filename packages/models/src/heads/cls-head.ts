import type { BuildContext } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type AnyModule, type Tensor, cast, equal, max, mean, mul, softmax, tensor, tidy, topk, unsqueeze } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { ClassifierHead, LossDict } from './classifier-head';
import type { InitConfigInput } from '../init/init-config';
import { CrossEntropyLoss } from '../losses/cross-entropy-loss';
import { buildSubmodule } from '../utils/build-submodule';

/** The options of {@link ClsHead}, as MMPretrain's. */
export interface ClsHeadOptions {
  /** The loss config (or module); CrossEntropyLoss by default. */
  loss?: Record<string, unknown> | AnyModule;
  /** The k of the accuracies reported with `cal_acc`. */
  topk?: number | number[];
  /** Report training accuracy next to the loss. */
  cal_acc?: boolean;
  init_cfg?: InitConfigInput;
}

export type { LossDict } from './classifier-head';

/**
 * MMPretrain's `ClsHead`: the classification head without layers (the features are the logits).
 * `preLogits` picks the last feature, `forward` turns it into class scores, `loss` compares them
 * with the samples' labels (class indices, or scores after batch augments), `predict` writes
 * softmax scores and labels into data samples.
 */
export class ClsHead extends BaseModule<[Tensor[]], Tensor> implements ClassifierHead {
  readonly lossModule: AnyModule;
  readonly topk: number[];
  readonly calAcc: boolean;

  constructor(options: ClsHeadOptions = {}, context?: BuildContext) {
    super(options.init_cfg);
    this.lossModule = this.registerModule('loss_module', options.loss ? buildSubmodule(options.loss, context, 'ClsHead.loss') : new CrossEntropyLoss({ loss_weight: 1.0 }));
    this.topk = typeof options.topk === 'number' ? [options.topk] : (options.topk ?? [1]);
    this.calAcc = options.cal_acc ?? false;
  }

  /** The input of the last layer: the last feature of the neck's output. */
  preLogits(feats: Tensor[]): Tensor {
    const last = feats[feats.length - 1];
    if (!last) throw new Error(`${this.constructor.name}: received no features`);
    return last;
  }

  /** Class scores (logits) from the features. */
  forward(feats: Tensor[]): Tensor {
    const last = this.preLogits(feats);
    // The same handle as the input: callers must not dispose both.
    return last;
  }

  /** The loss (named `loss`) of the class scores against the samples' targets. */
  loss(feats: Tensor[], dataSamples: readonly DataSample[]): LossDict {
    const clsScore = this.forward(feats);
    const losses = this.lossFromScores(clsScore, dataSamples);
    if (!feats.includes(clsScore)) clsScore.dispose();
    return losses;
  }

  /** The loss of given class scores (MMPretrain's `_get_loss`). */
  protected lossFromScores(clsScore: Tensor, dataSamples: readonly DataSample[]): LossDict {
    const target = targetTensor(dataSamples, clsScore);
    const losses: LossDict = {
      loss: this.lossModule.forward(clsScore, target, { avgFactor: clsScore.shape[0] }) as Tensor,
    };
    if (this.calAcc) {
      if (target.rank !== 1) throw new Error(`${this.constructor.name}: cal_acc needs class-index targets; it is pointless with batch augments such as Mixup`);
      for (const k of this.topk) losses[`accuracy_top-${k}`] = topkAccuracy(clsScore, target, k);
    }
    target.dispose();
    return losses;
  }

  /**
   * Softmax scores and the argmax labels of the features, written into the given data samples
   * (or new ones).
   */
  async predict(feats: Tensor[], dataSamples?: readonly DataSample[]): Promise<DataSample[]> {
    const clsScore = this.forward(feats);
    const scores = softmax(clsScore, 1);
    if (!feats.includes(clsScore)) clsScore.dispose();
    const values = (await scores.data()) as Float32Array;
    const [count, classes] = scores.shape as [number, number];
    scores.dispose();
    const results: DataSample[] = [];
    for (let index = 0; index < count; index++) {
      const row = values.slice(index * classes, (index + 1) * classes);
      let best = 0;
      for (let c = 1; c < classes; c++) if ((row[c] as number) > (row[best] as number)) best = c;
      const sample = dataSamples?.[index] ?? new DataSample();
      sample.setPredScore(row).setPredLabel([best]);
      results.push(sample);
    }
    return results;
  }
}

/** The training target of a batch: stacked `gtScore`s when all samples have one, else the `gtLabel`s. */
export function targetTensor(dataSamples: readonly DataSample[], like: Tensor): Tensor {
  const backend = like.backend;
  if (dataSamples.length > 0 && dataSamples.every((sample) => sample.gtScore !== undefined)) {
    const classes = (dataSamples[0] as DataSample).gtScore?.length ?? 0;
    const flat = new Float32Array(dataSamples.length * classes);
    dataSamples.forEach((sample, index) => flat.set(sample.gtScore as Float32Array, index * classes));
    return tensor(flat, { shape: [dataSamples.length, classes], backend });
  }
  const labels = new Int32Array(dataSamples.length);
  dataSamples.forEach((sample, index) => {
    if (!sample.gtLabel || sample.gtLabel.length !== 1) {
      throw new Error(`sample ${index} has ${sample.gtLabel ? `${sample.gtLabel.length} labels` : 'no gt_label'}; a single-label head needs exactly one`);
    }
    labels[index] = sample.gtLabel[0] as number;
  });
  return tensor(labels, { backend });
}

/** Top-k accuracy in percent, as MMPretrain's `Accuracy.calculate` for one k. */
export function topkAccuracy(scores: Tensor, target: Tensor, k: number): Tensor {
  return tidy(() => {
    const { indices } = topk(scores, Math.min(k, scores.shape[1] as number));
    const hits = cast(equal(indices, unsqueeze(target, 1)), 'float32');
    return mul(mean(max(hits, 1)), 100);
  });
}
