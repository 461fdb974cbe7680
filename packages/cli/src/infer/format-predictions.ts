import type { ImagePrediction } from './image-prediction';

/**
 * The predictions as the CLI prints them: the image path, then one line per class, best first.
 *
 * @example
 * // data/digit.png
 * //   1. seven (7)  0.9871
 * //   2. one (1)    0.0102
 */
export function formatPredictions(predictions: readonly ImagePrediction[]): string {
  const lines: string[] = [];
  for (const prediction of predictions) {
    lines.push(prediction.image);
    const names = prediction.topk.map((item) => (item.class === undefined ? `${item.label}` : `${item.class} (${item.label})`));
    const width = Math.max(...names.map((name) => name.length));
    prediction.topk.forEach((item, rank) => lines.push(`  ${rank + 1}. ${(names[rank] as string).padEnd(width)}  ${item.score.toFixed(4)}`));
  }
  return lines.join('\n');
}
