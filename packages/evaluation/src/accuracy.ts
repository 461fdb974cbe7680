import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';
import { type ClassificationSample, readScores, readSingleLabel, requireField } from './classification-sample';
import {
  type MatrixInput,
  type VectorInput,
  checkClassIndices,
  checkSameSize,
  isMatrixInput,
  roundToFloat32,
  toMatrix,
  toVector,
} from './metric-input';
import { topkIndices } from './ranking';
import { type ThresholdsOption, normalizeThresholds, normalizeTopk } from './thresholds';
import { thresholdSuffix } from './threshold-suffix';

/** The options of {@link Accuracy}, with MMPretrain's names. */
export interface AccuracyOptions extends BaseMetricOptions {
  /** A sample is correct when its label is among the `k` best predictions; default `1`. */
  topk?: number | readonly number[];
  /**
   * Predictions with a score not above the threshold count as wrong; `null` applies none. Several
   * thresholds give one result each. Default `0`.
   */
  thrs?: ThresholdsOption;
}

/** What {@link Accuracy} keeps of one sample. */
export interface AccuracyResult {
  predScore?: Float64Array;
  predLabel?: number;
  gtLabel: number;
}

/**
 * Accuracy, as MMPretrain's `Accuracy`: the percentage of samples whose ground-truth label is
 * among the top-k predicted classes (with a score above the threshold). Results are named
 * `top{k}`, with `_thr-0.50` or `_no-thr` appended when several thresholds are given; samples
 * with only a `pred_label` give `top1`.
 *
 * @example
 * // val_evaluator = dict(type='Accuracy', topk=(1, 5))
 * const evaluator = { type: 'Accuracy', topk: [1, 5] };
 */
export class Accuracy extends BaseMetric<ClassificationSample, AccuracyResult> {
  static override defaultPrefix: string | null = 'accuracy';

  readonly topk: number[];
  readonly thrs: (number | null)[];

  constructor(options: AccuracyOptions = {}) {
    super(options);
    this.topk = normalizeTopk(options.topk, 1, 'Accuracy');
    this.thrs = normalizeThresholds(options.thrs, 0, 'Accuracy');
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = 'Accuracy.process';
    for (const sample of dataSamples) {
      const index = this.results.length;
      const gtLabel = requireField(readSingleLabel(sample, 'gt_label', where, index), where, 'gt_label', index);
      const predScore = readScores(sample, 'pred_score', where, index);
      if (predScore) {
        this.results.push({ predScore, gtLabel });
      } else {
        const predLabel = requireField(readSingleLabel(sample, 'pred_label', where, index), where, 'pred_score or pred_label', index);
        this.results.push({ predLabel, gtLabel });
      }
    }
  }

  computeMetrics(results: AccuracyResult[]): MetricResults {
    if (results.length === 0) throw new RangeError('Accuracy.computeMetrics: no results to compute the accuracy of');
    const target = results.map((result) => result.gtLabel);
    const metrics: MetricResults = {};
    if (results[0]?.predScore) {
      const scores = results.map((result, index) => {
        if (!result.predScore) throw new TypeError(`Accuracy.computeMetrics: sample 0 has a pred_score but sample ${index} has none`);
        return result.predScore;
      });
      let accuracies: number[][];
      try {
        accuracies = Accuracy.calculate(scores, target, this.topk, this.thrs) as number[][];
      } catch (error) {
        if (error instanceof RangeError && error.message.includes('is unavailable')) {
          throw new RangeError(`${error.message} Please check the \`val_evaluator\` and \`test_evaluator\` fields in your config file.`);
        }
        throw error;
      }
      const multipleThresholds = this.thrs.length > 1;
      this.topk.forEach((k, i) => {
        this.thrs.forEach((threshold, j) => {
          const name = `top${k}${multipleThresholds ? thresholdSuffix(threshold) : ''}`;
          metrics[name] = accuracies[i]?.[j] as number;
        });
      });
    } else {
      const labels = results.map((result, index) => {
        if (result.predLabel === undefined) throw new TypeError(`Accuracy.computeMetrics: sample 0 has a pred_label only but sample ${index} has a pred_score`);
        return result.predLabel;
      });
      metrics.top1 = Accuracy.calculate(labels, target) as number;
    }
    return metrics;
  }

  /**
   * The accuracy in percent, computed in float32 as MMPretrain does.
   *
   * - `pred` of labels `(N,)`: one number, the top-1 accuracy (`topk` and `thrs` are ignored).
   * - `pred` of scores `(N, C)`: `result[i][j]` is the top-`topk[i]` accuracy with threshold
   *   `thrs[j]` (a prediction counts only when its score is above the threshold; `null` for none).
   *
   * Tied scores rank the lower class index first.
   *
   * @example
   * Accuracy.calculate([0, 2, 1, 3], [0, 1, 2, 3]); // 50
   * Accuracy.calculate([[0.7, 0.3], [0.4, 0.6]], [0, 0], [1, 2]); // [[50], [100]]
   */
  static calculate(
    pred: VectorInput | MatrixInput,
    target: VectorInput,
    topk: number | readonly number[] = [1],
    thrs: ThresholdsOption = [0],
  ): number | number[][] {
    const where = 'Accuracy.calculate';
    const labels = toVector(target, where, 'target').map(Math.trunc);
    if (!isMatrixInput(pred)) {
      const predicted = toVector(pred, where, 'pred');
      checkSameSize(predicted.length, labels.length, where);
      let correct = 0;
      predicted.forEach((label, index) => {
        if (label === labels[index]) correct++;
      });
      return Math.fround(correct * Math.fround(100 / predicted.length));
    }
    const scores = toMatrix(pred, where, 'pred');
    roundToFloat32(scores.data);
    checkSameSize(scores.rows, labels.length, where);
    checkClassIndices(labels, scores.cols, where, 'target');
    const topkList = normalizeTopk(topk, 1, where);
    const thresholds = normalizeThresholds(thrs, 0, where);
    const maxk = Math.max(...topkList);
    if (maxk > scores.cols) {
      throw new RangeError(`Top-${maxk} accuracy is unavailable since the number of categories is ${scores.cols}.`);
    }
    // For every sample, the rank of its label among the top predictions (or -1) and that score.
    const hitRank = new Int32Array(scores.rows).fill(-1);
    const hitScore = new Float64Array(scores.rows);
    for (let row = 0; row < scores.rows; row++) {
      const top = topkIndices(scores.data, maxk, row * scores.cols, scores.cols);
      const rank = top.indexOf(labels[row] as number);
      hitRank[row] = rank;
      if (rank >= 0) hitScore[row] = scores.data[row * scores.cols + (top[rank] as number)] as number;
    }
    const scale = Math.fround(100 / scores.rows);
    return topkList.map((k) =>
      thresholds.map((threshold) => {
        const limit = threshold === null ? null : Math.fround(threshold);
        let correct = 0;
        for (let row = 0; row < scores.rows; row++) {
          const rank = hitRank[row] as number;
          if (rank >= 0 && rank < k && (limit === null || (hitScore[row] as number) > limit)) correct++;
        }
        return Math.fround(correct * scale);
      }),
    );
  }
}
