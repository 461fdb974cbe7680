import { type Average, checkAverage } from './average';
import { BaseMetric, type BaseMetricOptions, type MetricResults, type MetricValue } from './base-metric';
import { type ClassificationSample, readScores, requireField } from './classification-sample';
import { formatFixed } from './format-fixed';
import { readMultiLabelTarget } from './multi-label-target';
import { type MetricItem, normalizeItems, packItems, withAverageSuffix } from './items';
import { roundToFloat32 } from './metric-input';
import { type MultiLabelInput, toMultiLabelMatrix } from './multi-label-input';
import { type PrecisionRecallF1Support, precisionRecallF1Support } from './precision-recall-f1';
import { topkIndices } from './ranking';

/** The options of {@link MultiLabelMetric}, with MMPretrain's names. */
export interface MultiLabelMetricOptions extends BaseMetricOptions {
  /** Scores at or above the threshold are positive predictions. Used over `topk` when both are set. */
  thr?: number | null;
  /** The `k` highest scores of every sample are positive predictions. Without thr and topk, thr is 0.5. */
  topk?: number | null;
  /** Which of `'precision'`, `'recall'`, `'f1-score'`, `'support'` to report; default the first three. */
  items?: readonly MetricItem[];
  /** `'macro'` (default), `'micro'` or `null` (per class). */
  average?: Average;
}

/** What {@link MultiLabelMetric} keeps of one sample. */
export interface MultiLabelResult {
  predScore: Float64Array;
  gtScore: ArrayLike<number>;
}

/** The options of {@link MultiLabelMetric.calculate}. */
export interface MultiLabelCalculateOptions {
  /** `pred` is a list of label lists instead of a matrix; needs `numClasses`. */
  predIndices?: boolean;
  /** `target` is a list of label lists instead of a matrix; needs `numClasses`. */
  targetIndices?: boolean;
  /** Default `'macro'`. */
  average?: Average;
  /** Scores at or above it are positive; 0.5 when neither `thr` nor `topk` is given. */
  thr?: number | null;
  /** The `k` highest scores are positive (when `thr` is not given). */
  topk?: number | null;
  /** The number of classes: required for indices, checked against matrices. */
  numClasses?: number;
}

/**
 * Precision, recall, f1-score and support of multi-label classification, as MMPretrain's
 * `MultiLabelMetric` (`average: 'macro'` gives CP/CR/CF1, `'micro'` gives OP/OR/OF1). Results are
 * named `precision`, `recall`, `f1-score`, `support` with a suffix for the positive rule
 * (`_thr-0.30`; none for the default 0.5; `_top3` for top-k) and for the averaging (`_micro`,
 * `_classwise`). Targets of -1 (difficult labels) are ignored.
 *
 * @example
 * // dict(type='MultiLabelMetric', average='micro')
 * const metric = { type: 'MultiLabelMetric', average: 'micro' };
 */
export class MultiLabelMetric extends BaseMetric<ClassificationSample, MultiLabelResult> {
  static override defaultPrefix: string | null = 'multi-label';

  readonly thr: number | null;
  readonly topk: number | null;
  readonly items: MetricItem[];
  readonly average: Average;

  constructor(options: MultiLabelMetricOptions = {}) {
    super(options);
    const name = this.constructor.name;
    let thr = options.thr ?? null;
    const topk = options.topk ?? null;
    if (thr === null && topk === null) {
      thr = 0.5;
      this.warn(`${name}: neither thr nor topk is given, set thr as 0.5 by default.`);
    } else if (thr !== null && topk !== null) {
      this.warn(`${name}: both thr and topk are given, use threshold in favor of top-k.`);
    }
    if (thr !== null && (typeof thr !== 'number' || Number.isNaN(thr))) throw new TypeError(`${name}: thr must be a number or null, got ${String(thr)}`);
    if (topk !== null && (!Number.isInteger(topk) || topk <= 0)) throw new RangeError(`${name}: topk must be a positive integer or null, got ${topk}`);
    this.thr = thr;
    this.topk = topk;
    this.items = normalizeItems(options.items, name);
    this.average = checkAverage(options.average === undefined ? 'macro' : options.average, ['macro', 'micro', null], name);
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = `${this.constructor.name}.process`;
    for (const sample of dataSamples) {
      const index = this.results.length;
      const predScore = requireField(readScores(sample, 'pred_score', where, index), where, 'pred_score', index);
      this.results.push({ predScore, gtScore: this.readTarget(sample, predScore.length, where, index) });
    }
  }

  /** The target of a sample: its `gt_score`, else the one-hot of its `gt_label`. */
  protected readTarget(sample: ClassificationSample, numClasses: number, where: string, index: number): Float64Array | Int32Array {
    return readMultiLabelTarget(sample, numClasses, where, index);
  }

  computeMetrics(results: MultiLabelResult[]): MetricResults {
    const name = this.constructor.name;
    if (results.length === 0) throw new RangeError(`${name}.computeMetrics: no results to compute the metrics of`);
    const pred = results.map((result) => result.predScore);
    const target = results.map((result) => result.gtScore);
    const values = MultiLabelMetric.calculate(pred, target, { average: this.average, thr: this.thr, topk: this.topk });
    const suffix = this.thr !== null ? (this.thr === 0.5 ? '' : `_thr-${formatFixed(this.thr, 2)}`) : `_top${this.topk}`;
    const metrics: Record<string, MetricValue> = {};
    for (const [key, value] of Object.entries(packItems(values, this.items))) metrics[key + suffix] = value;
    return withAverageSuffix(metrics, this.average);
  }

  /**
   * Precision, recall, f1-score (percentages, float32 as MMPretrain) and support of multi-label
   * predictions. `pred` holds scores or one-hot rows `(N, C)` (or label lists with
   * `predIndices`); `target` one-hot rows (or label lists with `targetIndices`). A score at or
   * above `thr` is a positive prediction; with `topk` instead, the `k` highest scores of a sample
   * are (ties go to the lower class). Targets of -1 are ignored.
   *
   * @example
   * MultiLabelMetric.calculate([[0], [1], [0, 1], [3]], [[0, 3], [0, 2], [1], [3]], {
   *   predIndices: true, targetIndices: true, numClasses: 4,
   * }); // [50, 50, 45.83333206176758, 6]
   */
  static calculate(pred: MultiLabelInput, target: MultiLabelInput, options: MultiLabelCalculateOptions = {}): PrecisionRecallF1Support {
    const where = 'MultiLabelMetric.calculate';
    const average = checkAverage(options.average === undefined ? 'macro' : options.average, ['macro', 'micro', null], where);
    const scores = toMultiLabelMatrix(pred, options.predIndices ?? false, options.numClasses, where, 'pred');
    roundToFloat32(scores.data);
    const targets = toMultiLabelMatrix(target, options.targetIndices ?? false, options.numClasses, where, 'target');
    if (scores.rows !== targets.rows || scores.cols !== targets.cols) {
      throw new RangeError(`${where}: the size of pred ([${scores.rows}, ${scores.cols}]) doesn't match the target ([${targets.rows}, ${targets.cols}])`);
    }
    if (scores.rows === 0) throw new RangeError(`${where}: pred and target are empty`);
    if (options.numClasses !== undefined && scores.cols !== options.numClasses) {
      throw new RangeError(`${where}: the shape of pred ([${scores.rows}, ${scores.cols}]) doesn't match numClasses (${options.numClasses})`);
    }
    const gtPositive = Int32Array.from(targets.data, Math.trunc);
    const topk = options.topk ?? null;
    const thr = options.thr ?? (topk === null ? 0.5 : null);
    const predPositive = new Int32Array(scores.rows * scores.cols);
    if (thr !== null) {
      const limit = Math.fround(thr);
      scores.data.forEach((score, index) => {
        predPositive[index] = score >= limit ? 1 : 0;
      });
    } else {
      if (!Number.isInteger(topk) || (topk as number) <= 0 || (topk as number) > scores.cols) {
        throw new RangeError(`${where}: topk must be an integer in [1, ${scores.cols}] for ${scores.cols} classes, got ${topk}`);
      }
      for (let row = 0; row < scores.rows; row++) {
        for (const col of topkIndices(scores.data, topk as number, row * scores.cols, scores.cols)) predPositive[row * scores.cols + col] = 1;
      }
    }
    return precisionRecallF1Support(predPositive, gtPositive, scores.rows, scores.cols, average);
  }
}
