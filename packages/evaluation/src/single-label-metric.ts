import { type Average, checkAverage } from './average';
import { BaseMetric, type BaseMetricOptions, type MetricResults, type MetricValue } from './base-metric';
import { type ClassificationSample, readNumClasses, readScores, readSingleLabel, requireField } from './classification-sample';
import { type MetricItem, normalizeItems, packItems, withAverageSuffix } from './items';
import {
  type MatrixInput,
  type VectorInput,
  checkClassIndices,
  checkNumClasses,
  checkSameSize,
  isMatrixInput,
  roundToFloat32,
  toMatrix,
  toVector,
} from './metric-input';
import { oneHotRows } from './one-hot';
import { type PrecisionRecallF1Support, precisionRecallF1Support } from './precision-recall-f1';
import { topkIndices } from './ranking';
import { type ThresholdsOption, normalizeThresholds } from './thresholds';
import { thresholdSuffix } from './threshold-suffix';

/** The options of {@link SingleLabelMetric}, with MMPretrain's names. */
export interface SingleLabelMetricOptions extends BaseMetricOptions {
  /**
   * A top-1 prediction with a score not above the threshold counts as no prediction; `null`
   * applies none. Several thresholds give one set of results each. Default `0`.
   */
  thrs?: ThresholdsOption;
  /** Which of `'precision'`, `'recall'`, `'f1-score'`, `'support'` to report; default the first three. */
  items?: readonly MetricItem[];
  /** `'macro'` (default), `'micro'` or `null` (per class). */
  average?: Average;
  /** The number of classes, needed when the samples have labels but no scores. */
  num_classes?: number | null;
}

/** What {@link SingleLabelMetric} keeps of one sample. */
export interface SingleLabelResult {
  predScore?: Float64Array;
  predLabel?: number;
  numClasses?: number;
  gtLabel: number;
}

/** The options of {@link SingleLabelMetric.calculate}. */
export interface SingleLabelCalculateOptions {
  /** Thresholds applied to scores; default `[0]`. */
  thrs?: ThresholdsOption;
  /** Default `'macro'`. */
  average?: Average;
  /** Required when `pred` holds labels. */
  numClasses?: number;
}

/**
 * Precision, recall, f1-score and support of single-label classification, as MMPretrain's
 * `SingleLabelMetric`. Results are named `precision`, `recall`, `f1-score`, `support`, with a
 * threshold suffix (`_thr-0.50`, `_no-thr`) when several thresholds are given and an averaging
 * suffix (`_micro`, or `_classwise` for per-class lists) unless `average` is `'macro'`.
 *
 * @example
 * // dict(type='SingleLabelMetric', items=['precision', 'recall'])
 * const metric = { type: 'SingleLabelMetric', items: ['precision', 'recall'] };
 */
export class SingleLabelMetric extends BaseMetric<ClassificationSample, SingleLabelResult> {
  static override defaultPrefix: string | null = 'single-label';

  readonly thrs: (number | null)[];
  readonly items: MetricItem[];
  readonly average: Average;
  readonly numClasses: number | null;

  constructor(options: SingleLabelMetricOptions = {}) {
    super(options);
    this.thrs = normalizeThresholds(options.thrs, 0, 'SingleLabelMetric');
    this.items = normalizeItems(options.items, 'SingleLabelMetric');
    this.average = checkAverage(options.average === undefined ? 'macro' : options.average, ['macro', 'micro', null], 'SingleLabelMetric');
    this.numClasses = checkNumClasses(options.num_classes ?? null, 'SingleLabelMetric');
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = 'SingleLabelMetric.process';
    for (const sample of dataSamples) {
      const index = this.results.length;
      const gtLabel = requireField(readSingleLabel(sample, 'gt_label', where, index), where, 'gt_label', index);
      const predScore = readScores(sample, 'pred_score', where, index);
      if (predScore) {
        this.results.push({ predScore, gtLabel });
        continue;
      }
      const numClasses = this.numClasses ?? readNumClasses(sample);
      if (numClasses === null) {
        throw new TypeError(`${where}: the num_classes must be specified if no pred_score (sample ${index} has a pred_label only)`);
      }
      const predLabel = requireField(readSingleLabel(sample, 'pred_label', where, index), where, 'pred_score or pred_label', index);
      this.results.push({ predLabel, numClasses, gtLabel });
    }
  }

  computeMetrics(results: SingleLabelResult[]): MetricResults {
    if (results.length === 0) throw new RangeError('SingleLabelMetric.computeMetrics: no results to compute the metrics of');
    const target = results.map((result) => result.gtLabel);
    let metrics: Record<string, MetricValue> = {};
    if (results[0]?.predScore) {
      const scores = results.map((result, index) => {
        if (!result.predScore) throw new TypeError(`SingleLabelMetric.computeMetrics: sample 0 has a pred_score but sample ${index} has none`);
        return result.predScore;
      });
      const perThreshold = SingleLabelMetric.calculate(scores, target, { thrs: this.thrs, average: this.average }) as PrecisionRecallF1Support[];
      const multipleThresholds = this.thrs.length > 1;
      this.thrs.forEach((threshold, index) => {
        const suffix = multipleThresholds ? thresholdSuffix(threshold) : '';
        for (const [key, value] of Object.entries(packItems(perThreshold[index] as PrecisionRecallF1Support, this.items))) {
          metrics[key + suffix] = value;
        }
      });
    } else {
      const labels = results.map((result, index) => {
        if (result.predLabel === undefined) throw new TypeError(`SingleLabelMetric.computeMetrics: sample 0 has a pred_label only but sample ${index} has a pred_score`);
        return result.predLabel;
      });
      const values = SingleLabelMetric.calculate(labels, target, { average: this.average, numClasses: results[0]?.numClasses as number });
      metrics = packItems(values as PrecisionRecallF1Support, this.items);
    }
    return withAverageSuffix(metrics, this.average);
  }

  /**
   * Precision, recall, f1-score (percentages, float32 as MMPretrain) and support.
   *
   * - `pred` of labels `(N,)` (needs `numClasses`): one `[precision, recall, f1Score, support]`.
   * - `pred` of scores `(N, C)`: one such tuple per threshold; the top-1 class is the prediction,
   *   dropped when its score is not above the threshold. Tied scores take the lower class.
   *
   * Each value is a number, or a list per class when `average` is `null`. A class without
   * predictions or without samples has precision or recall 0.
   *
   * @example
   * SingleLabelMetric.calculate([0, 1, 1, 3], [0, 2, 1, 3], { numClasses: 4 }); // [62.5, 75, 66.66666412353516, 4]
   */
  static calculate(
    pred: VectorInput | MatrixInput,
    target: VectorInput,
    options: SingleLabelCalculateOptions = {},
  ): PrecisionRecallF1Support | PrecisionRecallF1Support[] {
    const where = 'SingleLabelMetric.calculate';
    const average = checkAverage(options.average === undefined ? 'macro' : options.average, ['macro', 'micro', null], where);
    const labels = toVector(target, where, 'target').map(Math.trunc);
    if (!isMatrixInput(pred)) {
      const predicted = toVector(pred, where, 'pred').map(Math.trunc);
      checkSameSize(predicted.length, labels.length, where);
      if (options.numClasses === undefined || options.numClasses === null) {
        throw new TypeError(`${where}: please specify numClasses if pred holds labels instead of scores`);
      }
      const numClasses = checkNumClasses(options.numClasses, where) as number;
      checkClassIndices(labels, numClasses, where, 'target');
      checkClassIndices(predicted, numClasses, where, 'pred');
      return precisionRecallF1Support(oneHotRows(predicted, numClasses), oneHotRows(labels, numClasses), labels.length, numClasses, average);
    }
    const scores = toMatrix(pred, where, 'pred');
    roundToFloat32(scores.data);
    checkSameSize(scores.rows, labels.length, where);
    const numClasses = scores.cols;
    checkClassIndices(labels, numClasses, where, 'target');
    const gtPositive = oneHotRows(labels, numClasses);
    const topLabel = new Float64Array(scores.rows);
    const topScore = new Float64Array(scores.rows);
    for (let row = 0; row < scores.rows; row++) {
      const best = topkIndices(scores.data, 1, row * numClasses, numClasses)[0] as number;
      topLabel[row] = best;
      topScore[row] = scores.data[row * numClasses + best] as number;
    }
    return normalizeThresholds(options.thrs, 0, where).map((threshold) => {
      const predPositive = oneHotRows(topLabel, numClasses);
      if (threshold !== null) {
        const limit = Math.fround(threshold);
        for (let row = 0; row < scores.rows; row++) {
          if ((topScore[row] as number) <= limit) predPositive[row * numClasses + (topLabel[row] as number)] = 0;
        }
      }
      return precisionRecallF1Support(predPositive, gtPositive, scores.rows, numClasses, average);
    });
  }
}
