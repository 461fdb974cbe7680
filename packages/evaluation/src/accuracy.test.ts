import { describe, expect, it } from 'vitest';
import { Accuracy } from './accuracy';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

interface CalculateCase {
  name: string;
  pred: number[] | number[][];
  target: number[];
  topk: number[];
  thrs: (number | null)[];
  expected: number | number[][];
}

const fixture = readFixture<{ calculate: CalculateCase[]; evaluate: EvaluateCase[] }>('accuracy.json');

describe('Accuracy.calculate', () => {
  it.each(fixture.calculate.map((item) => [item.name, item] as const))('%s', (_, item) => {
    expectSameValues(Accuracy.calculate(item.pred, item.target, item.topk, item.thrs), item.expected);
  });
});

describe('Accuracy', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric = new Accuracy(item.options);
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
    expect(metric.results).toEqual([]);
  });
});

describe('Accuracy options and errors', () => {
  const scores = [
    [0.7, 0.0, 0.3],
    [0.5, 0.2, 0.3],
  ];

  it('normalizes topk and thrs as MMPretrain', () => {
    expect(new Accuracy({ thrs: 0.6 }).thrs).toEqual([0.6]);
    expect(new Accuracy({ thrs: [0.6] }).thrs).toEqual([0.6]);
    expect(new Accuracy({ thrs: null }).thrs).toEqual([null]);
    expect(new Accuracy({ topk: 5 }).topk).toEqual([5]);
    expect(new Accuracy().topk).toEqual([1]);
    expect(new Accuracy().thrs).toEqual([0]);
    expect(Accuracy.calculate([0, 2, 1, 3], [0, 1, 2, 3])).toBe(50);
  });

  it('rejects a top-k above the number of classes', () => {
    expect(() => Accuracy.calculate(scores, [0, 1], [1, 5])).toThrow('Top-5 accuracy is unavailable since the number of categories is 3.');
    const metric = new Accuracy({ topk: [1, 5] });
    metric.process(null, [{ pred_score: [0.7, 0.0, 0.3], gt_label: 0 }]);
    expect(() => metric.evaluate(1)).toThrow(
      'Top-5 accuracy is unavailable since the number of categories is 3. Please check the `val_evaluator` and `test_evaluator` fields in your config file.',
    );
  });

  it('rejects bad inputs with the argument and the value', () => {
    expect(() => Accuracy.calculate(scores, [0, 1, 2])).toThrow("Accuracy.calculate: the size of pred (2) doesn't match the target (3)");
    expect(() => Accuracy.calculate([0, 1], 'hi' as never)).toThrow(
      'Accuracy.calculate: target must be a Tensor, a list or a typed array of numbers, got the string "hi"',
    );
    expect(() => Accuracy.calculate([[0.1, 0.9], [0.3]], [0, 1])).toThrow(
      'Accuracy.calculate: the rows of pred must have the same length, row 0 has 2 values and row 1 has 1',
    );
    expect(() => Accuracy.calculate(scores, [0, 3])).toThrow(
      'Accuracy.calculate: target holds the label 3 at index 1, outside [0, 3) for num_classes 3',
    );
    expect(() => new Accuracy({ topk: 0 })).toThrow('Accuracy: topk must be a positive integer or a list of them, got 0');
    expect(() => new Accuracy({ thrs: ['a'] as never })).toThrow('Accuracy: thrs must be numbers or null, got "a"');
  });

  it('rejects samples without the fields it reads', () => {
    const metric = new Accuracy();
    expect(() => metric.process(null, [{ pred_score: [0.1, 0.9] }])).toThrow('Accuracy.process: sample 0 has no gt_label');
    expect(() => metric.process(null, [{ gt_label: [1] }])).toThrow('Accuracy.process: sample 0 has no pred_score or pred_label');
    expect(() => metric.process(null, [{ pred_label: 1, gt_label: [0, 1] }])).toThrow(
      'Accuracy.process: gt_label of sample 0 must hold one label, got [0, 1]',
    );
    expect(() => metric.process(null, [{ pred_label: 1.5, gt_label: 1 }])).toThrow(
      'Accuracy.process: pred_label of sample 0 must hold integer labels, got 1.5 at index 0',
    );
    const mixed = new Accuracy();
    mixed.process(null, [{ pred_score: [0.1, 0.9], gt_label: 1 }, { pred_label: 1, gt_label: 1 }]);
    expect(() => mixed.evaluate(2)).toThrow('Accuracy.computeMetrics: sample 0 has a pred_score but sample 1 has none');
    expect(() => new Accuracy({ warn: () => {} }).evaluate(0)).toThrow('Accuracy.computeMetrics: no results to compute the accuracy of');
  });
});
