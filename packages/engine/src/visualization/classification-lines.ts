import type { DataSample } from '@mmpt/structures';

/** The options of {@link classificationLines}: the `visualize_cls` switches of MMPretrain. */
export interface ClassificationLinesOptions {
  /** Class names, to write after each label index. */
  classes?: readonly string[] | undefined;
  /** Write the ground-truth label(s). Defaults to true. */
  drawGt?: boolean;
  /** Write the predicted label(s). Defaults to true. */
  drawPred?: boolean;
  /** Write the score of each predicted label. Defaults to true. */
  drawScore?: boolean;
}

/**
 * The text MMPretrain's `UniversalVisualizer.visualize_cls` writes on an image, one string per
 * line: `Ground truth: 3 (cat)` and `Prediction: 3, 0.91 (cat)`; the further labels of a
 * multi-label sample continue on the next lines, indented under the first. Scores have two
 * decimals, rounded as Python's `f'{score:.2f}'`.
 *
 * @example
 * classificationLines(new DataSample().setGtLabel(1).setPredLabel(1).setPredScore([0.1, 0.9]), { classes: ['dog', 'cat'] });
 * // ['Ground truth: 1 (cat)', 'Prediction: 1, 0.90 (cat)']
 */
export function classificationLines(sample: DataSample, options: ClassificationLinesOptions = {}): string[] {
  const { classes } = options;
  const className = (index: number): string => {
    if (!classes) return '';
    const name = classes[index];
    if (name === undefined) throw new RangeError(`classificationLines: label ${index} has no class name (the dataset names ${classes.length} classes)`);
    return ` (${name})`;
  };
  const lines: string[] = [];
  const block = (prefix: string, labels: string[]) => labels.forEach((label, index) => lines.push((index === 0 ? prefix : ' '.repeat(prefix.length)) + label));
  if ((options.drawGt ?? true) && sample.gtLabel) {
    block('Ground truth: ', Array.from(sample.gtLabel, (index) => `${index}${className(index)}`));
  }
  if ((options.drawPred ?? true) && sample.predLabel) {
    const scores = (options.drawScore ?? true) ? sample.predScore : undefined;
    const score = (index: number): string => {
      if (!scores) return '';
      const value = scores[index];
      if (value === undefined) throw new RangeError(`classificationLines: predicted label ${index} has no score (pred_score has ${scores.length} values)`);
      return `, ${formatScore(value)}`;
    };
    block('Prediction: ', Array.from(sample.predLabel, (index) => `${index}${score(index)}${className(index)}`));
  }
  return lines;
}

/**
 * A score with two decimals as Python's `f'{score:.2f}'`. `toFixed` rounds the exact binary value
 * too, but sends an exact tie away from zero where Python picks the even digit; the only doubles
 * exactly halfway between two hundredths are the odd multiples of 1/8 (0.125, 0.625, ...).
 */
function formatScore(value: number): string {
  const eighths = value * 8;
  if (!Number.isInteger(eighths) || eighths % 2 === 0) return value.toFixed(2);
  const hundredths = Math.floor(Math.abs(value) * 100);
  const even = hundredths % 2 === 0 ? hundredths : hundredths + 1;
  return ((Math.sign(value) * even) / 100).toFixed(2);
}
