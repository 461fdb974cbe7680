import { checkAverage } from './average';
import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';
import { type ClassificationSample, readScores, requireField } from './classification-sample';
import { FLOAT32_EPSILON, float32Mean } from './float32';
import { type MatrixInput, roundToFloat32, toMatrix } from './metric-input';
import { readMultiLabelTarget } from './multi-label-target';
import { descendingOrder } from './ranking';

/** The options of {@link AveragePrecision}, with MMPretrain's names. */
export interface AveragePrecisionOptions extends BaseMetricOptions {
  /** `'macro'` (default): the mean over classes, mAP; `null`: the AP of every class. */
  average?: 'macro' | null;
}

/** What {@link AveragePrecision} keeps of one sample. */
export interface AveragePrecisionResult {
  predScore: Float64Array;
  gtScore: ArrayLike<number>;
}

/**
 * Average precision of multi-label classification, as MMPretrain's `AveragePrecision`: for every
 * class, the samples are ranked by score and AP is the mean of the precisions at the ranks of its
 * positive samples (`AP = Σ (R_n - R_{n-1}) P_n`, no interpolation). Results are named `mAP`, or
 * `AP_classwise` for `average: null`. Targets of -1 (difficult) are left out; a class without
 * positive samples has AP 0.
 *
 * @example
 * // val_evaluator = dict(type='AveragePrecision')
 * AveragePrecision.calculate(
 *   [[0.9, 0.8, 0.3, 0.2], [0.1, 0.2, 0.2, 0.1], [0.7, 0.5, 0.9, 0.3], [0.8, 0.1, 0.1, 0.2]],
 *   [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]],
 * ); // 70.83333587646484
 */
export class AveragePrecision extends BaseMetric<ClassificationSample, AveragePrecisionResult> {
  static override defaultPrefix: string | null = 'multi-label';

  readonly average: 'macro' | null;

  constructor(options: AveragePrecisionOptions = {}) {
    super(options);
    this.average = checkAverage(options.average === undefined ? 'macro' : options.average, ['macro', null], this.constructor.name);
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

  computeMetrics(results: AveragePrecisionResult[]): MetricResults {
    if (results.length === 0) throw new RangeError(`${this.constructor.name}.computeMetrics: no results to compute the average precision of`);
    const ap = AveragePrecision.calculate(
      results.map((result) => result.predScore),
      results.map((result) => result.gtScore),
      this.average,
    );
    return this.average === null ? { AP_classwise: ap } : { mAP: ap };
  }

  /**
   * The average precision in percent of scores `(N, C)` against targets `(N, C)` (1 positive,
   * 0 negative, -1 ignored): the mean over classes for `'macro'`, one value per class for `null`.
   * Computed in float32 as MMPretrain; tied scores rank the lower sample index first.
   */
  static calculate(pred: MatrixInput, target: MatrixInput, average: 'macro' | null = 'macro'): number | number[] {
    const where = 'AveragePrecision.calculate';
    const mode = checkAverage(average, ['macro', null], where);
    const shape = toMatrix(pred, where, 'pred');
    const scores = roundToFloat32(shape.data);
    const targets = toMatrix(target, where, 'target');
    if (shape.rows !== targets.rows || shape.cols !== targets.cols) {
      throw new RangeError(`${where}: both pred and target should have shape (N, num_classes), got [${shape.rows}, ${shape.cols}] and [${targets.rows}, ${targets.cols}]`);
    }
    const perClass: number[] = [];
    for (let col = 0; col < shape.cols; col++) {
      const classScores: number[] = [];
      const classTargets: number[] = [];
      for (let row = 0; row < shape.rows; row++) {
        const value = targets.data[row * shape.cols + col] as number;
        if (value > -1) {
          classScores.push(scores[row * shape.cols + col] as number);
          classTargets.push(value);
        }
      }
      if (classScores.length === 0) {
        throw new RangeError(`${where}: class ${col} has no sample with a target other than -1, so its average precision is undefined`);
      }
      perClass.push(averagePrecisionOfClass(classScores, classTargets));
    }
    if (mode === 'macro') return Math.fround(float32Mean(perClass) * 100);
    return perClass.map((value) => Math.fround(value * 100));
  }
}

/** The AP (a fraction, float32) of one class from its scores and targets. */
function averagePrecisionOfClass(scores: readonly number[], targets: readonly number[]): number {
  let positives = 0;
  let precisionSum = 0;
  descendingOrder(scores).forEach((sampleIndex, rank) => {
    if (targets[sampleIndex] !== 1) return;
    positives++;
    precisionSum = Math.fround(precisionSum + Math.fround(positives / (rank + 1)));
  });
  return Math.fround(precisionSum / (positives > 0 ? positives : FLOAT32_EPSILON));
}
