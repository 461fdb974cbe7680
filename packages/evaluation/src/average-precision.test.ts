import { describe, expect, it } from 'vitest';
import { AveragePrecision } from './average-precision';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

interface CalculateCase {
  name: string;
  pred: number[][];
  target: number[][];
  average: 'macro' | null;
  expected: number | number[];
}

const fixture = readFixture<{ calculate: CalculateCase[]; evaluate: EvaluateCase[] }>('average-precision.json');

describe('AveragePrecision.calculate', () => {
  it.each(fixture.calculate.map((item) => [item.name, item] as const))('%s', (_, item) => {
    expectSameValues(AveragePrecision.calculate(item.pred, item.target, item.average), item.expected);
  });
});

describe('AveragePrecision', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const metric = new AveragePrecision(item.options);
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
  });
});

describe('AveragePrecision errors', () => {
  it('rejects bad inputs', () => {
    expect(() => AveragePrecision.calculate([[0.1, 0.9]], [[0, 1], [1, 0]])).toThrow(
      'AveragePrecision.calculate: both pred and target should have shape (N, num_classes), got [1, 2] and [2, 2]',
    );
    expect(() => AveragePrecision.calculate([[0.1, 0.9]], [[0, 1]], 'micro' as never)).toThrow(
      "AveragePrecision.calculate: invalid average 'micro', choose from 'macro', null",
    );
    expect(() => AveragePrecision.calculate([[0.1, 0.9], [0.3, 0.2]], [[-1, 1], [-1, 0]])).toThrow(
      'AveragePrecision.calculate: class 0 has no sample with a target other than -1, so its average precision is undefined',
    );
    expect(() => new AveragePrecision({ average: 'micro' as never })).toThrow(
      "AveragePrecision: invalid average 'micro', choose from 'macro', null",
    );
  });
});
