import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix';
import { type EvaluateCase, batchesOf, readFixture } from './__fixtures__/fixtures';

interface CalculateCase {
  name: string;
  pred: number[] | number[][];
  target: number[];
  num_classes: number | null;
  expected: number[][];
}

const fixture = readFixture<{ calculate: CalculateCase[]; evaluate: EvaluateCase[] }>('confusion-matrix.json');

describe('ConfusionMatrix.calculate', () => {
  it.each(fixture.calculate.map((item) => [item.name, item] as const))('%s', (_, item) => {
    expect(ConfusionMatrix.calculate(item.pred, item.target, item.num_classes ?? undefined)).toEqual(item.expected);
  });
});

describe('ConfusionMatrix', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric = new ConfusionMatrix(item.options);
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expect(metric.evaluate(item.size)).toEqual(item.expected);
  });
});

describe('ConfusionMatrix errors', () => {
  it('gives the example of MMPretrain', () => {
    expect(ConfusionMatrix.calculate([0, 1, 1, 3], [0, 2, 1, 3], 4)).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('needs num_classes for labels and rejects labels outside the classes', () => {
    const metric = new ConfusionMatrix();
    metric.process(null, [{ pred_label: 0, gt_label: 1 }]);
    expect(() => metric.evaluate(1)).toThrow('ConfusionMatrix.calculate: please specify numClasses if pred holds labels instead of scores');
    expect(() => ConfusionMatrix.calculate([0, 1], [0, 2], 2)).toThrow(
      'ConfusionMatrix.calculate: target holds the label 2 at index 1, outside [0, 2) for num_classes 2',
    );
    expect(() => ConfusionMatrix.calculate([0, 1], [0], 2)).toThrow("ConfusionMatrix.calculate: the size of pred (2) doesn't match the target (1)");
  });
});
