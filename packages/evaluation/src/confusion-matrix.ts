import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';
import { type ClassificationSample, readScores, readSingleLabel, requireField } from './classification-sample';
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
import { topkIndices } from './ranking';

/** The options of {@link ConfusionMatrix}, with MMPretrain's names. */
export interface ConfusionMatrixOptions extends BaseMetricOptions {
  /** The number of classes, needed when the samples have labels but no scores. */
  num_classes?: number | null;
}

/** What {@link ConfusionMatrix} keeps of one sample. */
export interface ConfusionMatrixResult {
  predLabel: number;
  gtLabel: number;
  /** The number of scores of the sample, when it had scores. */
  numClasses?: number;
}

/**
 * The confusion matrix of single-label classification, as MMPretrain's `ConfusionMatrix`:
 * `result[i][j]` counts the samples of true class `i` predicted as class `j` (the class of the
 * highest score, the first one on ties). The result is named `result`
 * (`confusion_matrix/result`).
 *
 * @example
 * // val_evaluator = dict(type='ConfusionMatrix')
 * ConfusionMatrix.calculate([0, 1, 1, 3], [0, 2, 1, 3], 4);
 * // [[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]
 */
export class ConfusionMatrix extends BaseMetric<ClassificationSample, ConfusionMatrixResult> {
  static override defaultPrefix: string | null = 'confusion_matrix';

  readonly numClasses: number | null;

  constructor(options: ConfusionMatrixOptions = {}) {
    super(options);
    this.numClasses = checkNumClasses(options.num_classes ?? null, 'ConfusionMatrix');
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = 'ConfusionMatrix.process';
    for (const sample of dataSamples) {
      const index = this.results.length;
      const gtLabel = requireField(readSingleLabel(sample, 'gt_label', where, index), where, 'gt_label', index);
      const predScore = readScores(sample, 'pred_score', where, index);
      if (predScore) {
        const predLabel = topkIndices(predScore, 1)[0];
        if (predLabel === undefined) throw new RangeError(`${where}: pred_score of sample ${index} is empty`);
        this.results.push({ predLabel, gtLabel, numClasses: predScore.length });
      } else {
        const predLabel = requireField(readSingleLabel(sample, 'pred_label', where, index), where, 'pred_score or pred_label', index);
        this.results.push({ predLabel, gtLabel });
      }
    }
  }

  computeMetrics(results: ConfusionMatrixResult[]): MetricResults {
    if (results.length === 0) throw new RangeError('ConfusionMatrix.computeMetrics: no results to compute the confusion matrix of');
    // As MMPretrain, the number of scores of the samples overrides the num_classes option.
    let numClasses = this.numClasses;
    for (const result of results) if (result.numClasses !== undefined) numClasses = result.numClasses;
    const pred = results.map((result) => result.predLabel);
    const target = results.map((result) => result.gtLabel);
    return { result: ConfusionMatrix.calculate(pred, target, numClasses ?? undefined) };
  }

  /**
   * The confusion matrix `(numClasses, numClasses)` of labels `(N,)` (then `numClasses` is
   * required) or of scores `(N, C)` (the highest score is the prediction, the first on ties;
   * `numClasses` defaults to `C`). Rows are true classes, columns predicted classes.
   */
  static calculate(pred: VectorInput | MatrixInput, target: VectorInput, numClasses?: number): number[][] {
    const where = 'ConfusionMatrix.calculate';
    const labels = toVector(target, where, 'target').map(Math.trunc);
    let predicted: Float64Array;
    let classes: number;
    if (isMatrixInput(pred)) {
      const scores = toMatrix(pred, where, 'pred');
      roundToFloat32(scores.data);
      checkSameSize(scores.rows, labels.length, where);
      classes = numClasses ?? scores.cols;
      predicted = new Float64Array(scores.rows);
      for (let row = 0; row < scores.rows; row++) {
        predicted[row] = topkIndices(scores.data, 1, row * scores.cols, scores.cols)[0] as number;
      }
    } else {
      predicted = toVector(pred, where, 'pred').map(Math.trunc);
      checkSameSize(predicted.length, labels.length, where);
      if (numClasses === undefined || numClasses === null) {
        throw new TypeError(`${where}: please specify numClasses if pred holds labels instead of scores`);
      }
      classes = numClasses;
    }
    checkNumClasses(classes, where);
    checkClassIndices(labels, classes, where, 'target');
    checkClassIndices(predicted, classes, where, 'pred');
    const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    labels.forEach((label, index) => {
      const row = matrix[label] as number[];
      const column = predicted[index] as number;
      row[column] = (row[column] as number) + 1;
    });
    return matrix;
  }
}
