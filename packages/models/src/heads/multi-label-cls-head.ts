import type { BuildContext } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type AnyModule, type Tensor, sigmoid, tensor } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { InitConfigInput } from '../init/init-config';
import { CrossEntropyLoss } from '../losses/cross-entropy-loss';
import { buildSubmodule } from '../utils/build-submodule';
import type { ClassifierHead, LossDict } from './classifier-head';

/** The options of {@link MultiLabelClsHead}, as MMPretrain's. */
export interface MultiLabelClsHeadOptions {
  /** The loss config (or module); CrossEntropyLoss with use_sigmoid by default. */
  loss?: Record<string, unknown> | AnyModule;
  /** A label is predicted when its sigmoid score is at least `thr` (0.5 when neither thr nor topk is set). */
  thr?: number | null;
  /** Without `thr`: the `topk` best labels are predicted. */
  topk?: number | null;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `MultiLabelClsHead`: the features are the class scores; the loss compares them with
 * multi-hot targets (from `gtScore`, or from the `gtLabel` indices), and predictions are sigmoid
 * scores with the labels above `thr` (or the `topk` best).
 */
export class MultiLabelClsHead extends BaseModule<[Tensor[]], Tensor> implements ClassifierHead {
  readonly lossModule: AnyModule;
  readonly thr: number | null;
  readonly topk: number | null;

  constructor(options: MultiLabelClsHeadOptions = {}, context?: BuildContext) {
    super(options.init_cfg);
    this.lossModule = this.registerModule(
      'loss_module',
      options.loss ? buildSubmodule(options.loss, context, `${this.constructor.name}.loss`) : new CrossEntropyLoss({ use_sigmoid: true }),
    );
    const neither = (options.thr ?? null) === null && (options.topk ?? null) === null;
    this.thr = neither ? 0.5 : (options.thr ?? null);
    this.topk = options.topk ?? null;
  }

  /** The last feature. */
  preLogits(feats: Tensor[]): Tensor {
    const last = feats[feats.length - 1];
    if (!last) throw new Error(`${this.constructor.name}: received no features`);
    return last;
  }

  /** The class scores (the last feature itself). */
  forward(feats: Tensor[]): Tensor {
    return this.preLogits(feats);
  }

  /** The loss (named `loss`) of the scores against multi-hot targets, averaged over the batch. */
  loss(feats: Tensor[], dataSamples: readonly DataSample[]): LossDict {
    const clsScore = this.forward(feats);
    const target = multiHotTargets(dataSamples, clsScore);
    const loss = this.lossModule.forward(clsScore, target, { avgFactor: clsScore.shape[0] }) as Tensor;
    target.dispose();
    if (!feats.includes(clsScore)) clsScore.dispose();
    return { loss };
  }

  /** Sigmoid scores and the predicted labels, written into the given data samples (or new ones). */
  async predict(feats: Tensor[], dataSamples?: readonly DataSample[]): Promise<DataSample[]> {
    const clsScore = this.forward(feats);
    const scores = sigmoid(clsScore);
    if (!feats.includes(clsScore)) clsScore.dispose();
    const values = (await scores.data()) as Float32Array;
    const [count, classes] = scores.shape as [number, number];
    scores.dispose();
    const results: DataSample[] = [];
    for (let index = 0; index < count; index++) {
      const row = values.slice(index * classes, (index + 1) * classes);
      const order = Array.from(row.keys());
      let labels: number[];
      if (this.thr !== null) labels = order.filter((label) => (row[label] as number) >= (this.thr as number));
      else labels = order.sort((a, b) => (row[b] as number) - (row[a] as number)).slice(0, this.topk as number);
      const sample = dataSamples?.[index] ?? new DataSample();
      sample.setPredScore(row).setPredLabel(labels);
      results.push(sample);
    }
    return results;
  }
}

/** The `[N, C]` float targets: the samples' `gtScore`s, or multi-hot vectors of their `gtLabel`s. */
export function multiHotTargets(dataSamples: readonly DataSample[], like: Tensor): Tensor {
  const classes = like.shape[like.rank - 1] as number;
  const flat = new Float32Array(dataSamples.length * classes);
  dataSamples.forEach((sample, index) => {
    if (sample.gtScore) {
      if (sample.gtScore.length !== classes) throw new RangeError(`sample ${index} has a gt_score of ${sample.gtScore.length} classes; the scores have ${classes}`);
      flat.set(sample.gtScore, index * classes);
      return;
    }
    if (!sample.gtLabel) throw new Error(`sample ${index} has neither gt_label nor gt_score`);
    for (const label of sample.gtLabel) {
      if (label < 0 || label >= classes) throw new RangeError(`sample ${index} has the label ${label}, outside 0..${classes - 1}`);
      flat[index * classes + label] = 1;
    }
  });
  return tensor(flat, { shape: [dataSamples.length, classes], backend: like.backend });
}
