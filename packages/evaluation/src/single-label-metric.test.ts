import { describe, expect, it } from 'vitest';
import { SingleLabelMetric } from './single-label-metric';
import type { Average } from './average';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

interface CalculateCase {
  name: string;
  pred: number[] | number[][];
  target: number[];
  thrs: (number | null)[];
  average: Average;
  num_classes: number | null;
  expected: unknown;
}

const fixture = readFixture<{ calculate: CalculateCase[]; evaluate: EvaluateCase[] }>('single-label-metric.json');

describe('SingleLabelMetric.calculate', () => {
  it.each(fixture.calculate.map((item) => [item.name, item] as const))('%s', (_, item) => {
    const result = SingleLabelMetric.calculate(item.pred, item.target, {
      thrs: item.thrs,
      average: item.average,
      numClasses: item.num_classes ?? undefined,
    });
    expectSameValues(result, item.expected);
  });
});

describe('SingleLabelMetric', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric = new SingleLabelMetric(item.options);
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
  });
});

describe('SingleLabelMetric options and errors', () => {
  it('gives the example values of MMPretrain', () => {
    expect(SingleLabelMetric.calculate([0, 1, 1, 3], [0, 2, 1, 3], { numClasses: 4 })).toEqual([62.5, 75, 66.66666412353516, 4]);
    expect(new SingleLabelMetric({ thrs: 0.6 }).thrs).toEqual([0.6]);
    expect(new SingleLabelMetric().items).toEqual(['precision', 'recall', 'f1-score']);
  });

  it('needs num_classes when the samples have labels only', () => {
    const metric = new SingleLabelMetric();
    expect(() => metric.process(null, [{ pred_label: 0, gt_label: 0 }])).toThrow(
      'SingleLabelMetric.process: the num_classes must be specified if no pred_score (sample 0 has a pred_label only)',
    );
    expect(() => SingleLabelMetric.calculate([0, 1], [0, 1])).toThrow(
      'SingleLabelMetric.calculate: please specify numClasses if pred holds labels instead of scores',
    );
  });

  it('rejects labels outside the classes', () => {
    expect(() => SingleLabelMetric.calculate([0, 3], [0, 1], { numClasses: 3 })).toThrow(
      'SingleLabelMetric.calculate: pred holds the label 3 at index 1, outside [0, 3) for num_classes 3',
    );
    expect(() => SingleLabelMetric.calculate([[0.1, 0.9]], [2])).toThrow(
      'SingleLabelMetric.calculate: target holds the label 2 at index 0, outside [0, 2) for num_classes 2',
    );
  });

  it('rejects bad options', () => {
    expect(() => new SingleLabelMetric({ items: ['accuracy' as never] })).toThrow(
      'SingleLabelMetric: the metric item "accuracy" is not supported, choose from "precision", "recall", "f1-score" and "support"',
    );
    expect(() => new SingleLabelMetric({ average: 'm' as never })).toThrow("SingleLabelMetric: invalid average 'm', choose from 'macro', 'micro', null");
    expect(() => new SingleLabelMetric({ num_classes: 0 })).toThrow('SingleLabelMetric: num_classes must be a positive integer, got 0');
    expect(() => SingleLabelMetric.calculate([[0.5, 0.5]], [0, 1])).toThrow(
      "SingleLabelMetric.calculate: the size of pred (1) doesn't match the target (2)",
    );
  });
});
