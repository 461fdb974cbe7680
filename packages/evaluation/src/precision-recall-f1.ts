import type { Average } from './average';
import { FLOAT32_EPSILON, float32Mean } from './float32';

/** One value for `'macro'` and `'micro'`, one value per class for `average: null`. */
export type ClassValues = number | number[];

/** precision, recall and f1-score (percentages) and support (a count), as MMPretrain returns them. */
export type PrecisionRecallF1Support = [precision: ClassValues, recall: ClassValues, f1Score: ClassValues, support: ClassValues];

/**
 * Precision, recall, f1-score and support from one-hot predictions and targets of shape
 * `(rows, cols)`, with MMPretrain's float32 arithmetic: a class without predictions (or without
 * targets) has precision (or recall) 0, not NaN, and an f1-score of 0 when both are 0. A target of
 * -1 (a difficult VOC label) is ignored: neither a positive nor a prediction there counts.
 *
 * - `'macro'`: the mean over classes of each metric; support is the number of positive targets.
 * - `'micro'`: the metrics of the summed counts of all classes.
 * - `null`: the metrics and supports of every class.
 */
export function precisionRecallF1Support(
  predPositive: ArrayLike<number>,
  gtPositive: ArrayLike<number>,
  rows: number,
  cols: number,
  average: Average,
): PrecisionRecallF1Support {
  const truePositives = new Array<number>(cols).fill(0);
  const predicted = new Array<number>(cols).fill(0);
  const actual = new Array<number>(cols).fill(0);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const index = row * cols + col;
      const target = gtPositive[index] as number;
      if (target === -1) continue;
      const prediction = predPositive[index] as number;
      truePositives[col] = (truePositives[col] as number) + (prediction & target);
      predicted[col] = (predicted[col] as number) + prediction;
      actual[col] = (actual[col] as number) + target;
    }
  }
  if (average === 'micro') {
    const [precision, recall, f1Score] = ratios(sum(truePositives), sum(predicted), sum(actual));
    return [precision, recall, f1Score, sum(actual)];
  }
  const perClass = truePositives.map((tp, col) => ratios(tp, predicted[col] as number, actual[col] as number));
  const precision = perClass.map((values) => values[0]);
  const recall = perClass.map((values) => values[1]);
  const f1Score = perClass.map((values) => values[2]);
  if (average === 'macro') return [float32Mean(precision), float32Mean(recall), float32Mean(f1Score), sum(actual)];
  return [precision, recall, f1Score, actual];
}

/** precision, recall and f1-score in percent, in float32 as MMPretrain computes them. */
function ratios(truePositives: number, predicted: number, actual: number): [number, number, number] {
  const tp = Math.fround(truePositives);
  const precision = Math.fround(Math.fround(tp / Math.fround(Math.max(predicted, 1))) * 100);
  const recall = Math.fround(Math.fround(tp / Math.fround(Math.max(actual, 1))) * 100);
  const denominator = Math.max(Math.fround(precision + recall), FLOAT32_EPSILON);
  const f1Score = Math.fround(Math.fround(Math.fround(2 * precision) * recall) / denominator);
  return [precision, recall, f1Score];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
