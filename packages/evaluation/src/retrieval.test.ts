import { describe, expect, it } from 'vitest';
import { RetrievalAveragePrecision, type RetrievalAveragePrecisionMode } from './retrieval-average-precision';
import { RetrievalRecall } from './retrieval-recall';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

interface RecallCase {
  name: string;
  pred: number[][];
  target: number[][];
  topk: number[];
  pred_indices: boolean;
  target_indices: boolean;
  expected: number[];
}

interface AveragePrecisionCase extends Omit<RecallCase, 'topk' | 'expected'> {
  topk: number;
  mode: RetrievalAveragePrecisionMode;
  expected: number;
}

const fixture = readFixture<{ recall: RecallCase[]; averagePrecision: AveragePrecisionCase[]; evaluate: EvaluateCase[] }>('retrieval.json');

describe('RetrievalRecall.calculate', () => {
  it.each(fixture.recall.map((item) => [item.name, item] as const))('%s', (_, item) => {
    const result = RetrievalRecall.calculate(item.pred, item.target, item.topk, {
      predIndices: item.pred_indices,
      targetIndices: item.target_indices,
    });
    expectSameValues(result, item.expected);
  });
});

describe('RetrievalAveragePrecision.calculate', () => {
  it.each(fixture.averagePrecision.map((item) => [item.name, item] as const))('%s', (_, item) => {
    const result = RetrievalAveragePrecision.calculate(item.pred, item.target, item.topk, {
      predIndices: item.pred_indices,
      targetIndices: item.target_indices,
      mode: item.mode,
    });
    expectSameValues(result, item.expected);
  });
});

describe('retrieval metrics', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric =
      item.metric === 'RetrievalRecall'
        ? new RetrievalRecall(item.options as { topk: number })
        : new RetrievalAveragePrecision(item.options as { topk: number });
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
  });
});

describe('retrieval options and errors', () => {
  it('gives the example values of MMPretrain', () => {
    const ranked = [Array.from({ length: 10 }, (_, index) => 0.95 - 0.1 * index)];
    expect(RetrievalAveragePrecision.calculate(ranked, [[1, 0, 1, 0, 0, 1, 0, 0, 1, 1]], 10)).toBe(62.222222222222214);
    expect(RetrievalRecall.calculate([[0], [1], [2], [3]], [[0, 1], [2], [1], [0, 3]], 1, { predIndices: true, targetIndices: true })).toEqual([50]);
    expect(new RetrievalRecall({ topk: [1, 2, 5] }).topk).toEqual([1, 2, 5]);
  });

  it('rejects bad topk and mode', () => {
    expect(() => new RetrievalRecall({ topk: -1 })).toThrow('RetrievalRecall: topk must be a positive integer or a list of them, got -1');
    expect(() => new RetrievalAveragePrecision({ topk: -1 })).toThrow('RetrievalAveragePrecision: topk must be an integer larger than 0, got -1');
    expect(() => new RetrievalAveragePrecision({} as never)).toThrow('RetrievalAveragePrecision: topk must be an integer larger than 0, got undefined');
    expect(() => new RetrievalAveragePrecision({ topk: 5, mode: 'm' as never })).toThrow(
      `RetrievalAveragePrecision: invalid mode "m", choose from 'IR' and 'integrate'`,
    );
    const metric = new RetrievalRecall({ topk: 10 });
    expect(() => metric.process(null, [{ pred_score: [0.7, 0.0, 0.3], gt_label: [0] }])).toThrow(
      'RetrievalRecall.calculate: topk 10 is larger than the number of items (3) of pred',
    );
  });

  it('rejects bad inputs', () => {
    expect(() => RetrievalRecall.calculate([[0], [1], [2]], [[0], [1]], 1, { predIndices: true, targetIndices: true })).toThrow(
      'RetrievalRecall.calculate: the length of pred (3) and target (2) must be the same',
    );
    expect(() => RetrievalRecall.calculate({} as never, [[0]], 1, { predIndices: true })).toThrow(
      'RetrievalRecall.calculate: pred must be a list of index lists when given as indices, got object',
    );
    expect(() => RetrievalRecall.calculate([[0], {}] as never, [[0], [1]], 1, { predIndices: true, targetIndices: true })).toThrow(
      'RetrievalRecall.calculate: pred[1] must be a Tensor, a list or a typed array of numbers, got an object',
    );
    expect(() => RetrievalAveragePrecision.calculate([[0, 1]], [[]], 2, { predIndices: true, targetIndices: true })).toThrow(
      'RetrievalAveragePrecision.calculate: query 0 has no relevant item in target, so its average precision is undefined',
    );
  });
});
