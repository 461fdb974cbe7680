import { describe, expect, it, vi } from 'vitest';
import { MultiLabelMetric } from './multi-label-metric';
import type { Average } from './average';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

interface CalculateCase {
  name: string;
  pred: number[][];
  target: number[][];
  pred_indices: boolean;
  target_indices: boolean;
  num_classes: number | null;
  average: Average;
  thr: number | null;
  topk: number | null;
  expected: unknown;
}

const fixture = readFixture<{ calculate: CalculateCase[]; evaluate: EvaluateCase[] }>('multi-label-metric.json');

describe('MultiLabelMetric.calculate', () => {
  it.each(fixture.calculate.map((item) => [item.name, item] as const))('%s', (_, item) => {
    const result = MultiLabelMetric.calculate(item.pred, item.target, {
      predIndices: item.pred_indices,
      targetIndices: item.target_indices,
      numClasses: item.num_classes ?? undefined,
      average: item.average,
      thr: item.thr,
      topk: item.topk,
    });
    expectSameValues(result, item.expected);
  });
});

describe('MultiLabelMetric', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric = new MultiLabelMetric({ ...item.options, warn: () => {} });
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
  });
});

describe('MultiLabelMetric options and errors', () => {
  it('gives the example values of MMPretrain', () => {
    const result = MultiLabelMetric.calculate([[0], [1], [0, 1], [3]], [[0, 3], [0, 2], [1], [3]], {
      predIndices: true,
      targetIndices: true,
      numClasses: 4,
    });
    expect(result).toEqual([50, 50, 45.83333206176758, 6]);
  });

  it('warns about the positive rule as MMPretrain', () => {
    const warn = vi.fn();
    expect(new MultiLabelMetric({ warn }).thr).toBe(0.5);
    expect(warn).toHaveBeenLastCalledWith('MultiLabelMetric: neither thr nor topk is given, set thr as 0.5 by default.');
    const both = new MultiLabelMetric({ thr: 0.3, topk: 2, warn });
    expect(warn).toHaveBeenLastCalledWith('MultiLabelMetric: both thr and topk are given, use threshold in favor of top-k.');
    expect([both.thr, both.topk]).toEqual([0.3, 2]);
  });

  it('names results of a zero threshold by the threshold', () => {
    const metric = new MultiLabelMetric({ thr: 0, items: ['support'] });
    metric.process(null, [{ pred_score: [0.2, 0.8], gt_label: [1] }]);
    expect(metric.evaluate(1)).toEqual({ 'multi-label/support_thr-0.00': 1 });
  });

  it('rejects bad inputs', () => {
    expect(() => MultiLabelMetric.calculate([[1, 0], [0, 1], [1, 1]], [[1, 0], [0, 1]])).toThrow(
      "MultiLabelMetric.calculate: the size of pred ([3, 2]) doesn't match the target ([2, 2])",
    );
    expect(() => MultiLabelMetric.calculate([[0], [1]], [[0], [1]], { predIndices: true })).toThrow(
      'MultiLabelMetric.calculate: for index-type labels, please specify numClasses',
    );
    expect(() => MultiLabelMetric.calculate([[0], [5]], [[0], [1]], { predIndices: true, targetIndices: true, numClasses: 4 })).toThrow(
      'MultiLabelMetric.calculate: pred[1]: the label 5 is outside [0, 4) for 4 classes',
    );
    expect(() => MultiLabelMetric.calculate([[1, 0]], 5 as never)).toThrow(
      'MultiLabelMetric.calculate: target must be a 2-D Tensor or a list of rows, got number 5',
    );
    expect(() => MultiLabelMetric.calculate([[1, 0]], [[1, 0]], { average: 'm' as never })).toThrow(
      "MultiLabelMetric.calculate: invalid average 'm', choose from 'macro', 'micro', null",
    );
    expect(() => MultiLabelMetric.calculate([[0.1, 0.9]], [[0, 1]], { topk: 3 })).toThrow(
      'MultiLabelMetric.calculate: topk must be an integer in [1, 2] for 2 classes, got 3',
    );
    expect(() => new MultiLabelMetric({ topk: -1 })).toThrow('MultiLabelMetric: topk must be a positive integer or null, got -1');
    const metric = new MultiLabelMetric({ topk: 1 });
    expect(() => metric.process(null, [{ gt_label: [0] }])).toThrow('MultiLabelMetric.process: sample 0 has no pred_score');
    expect(() => metric.process(null, [{ pred_score: [0.3, 0.7], gt_label: [2] }])).toThrow(
      'MultiLabelMetric.process: gt_label of sample 0: the label 2 is outside [0, 2) for 2 classes',
    );
  });
});
