import { describe, expect, it } from 'vitest';
import { VOCAveragePrecision } from './voc-average-precision';
import { VOCMultiLabelMetric } from './voc-multi-label-metric';
import { type EvaluateCase, batchesOf, expectSameValues, readFixture } from './__fixtures__/fixtures';

const fixture = readFixture<{ evaluate: EvaluateCase[] }>('voc-metrics.json');

describe('VOC metrics', () => {
  it.each(fixture.evaluate.map((item) => [item.name, item] as const))('evaluates %s', (_, item) => {
    const options = { ...item.options, warn: () => {} };
    const metric = item.metric === 'VOCAveragePrecision' ? new VOCAveragePrecision(options) : new VOCMultiLabelMetric(options);
    for (const batch of batchesOf(item.samples, item.batches)) metric.process(null, batch);
    expectSameValues(metric.evaluate(item.size), item.expected);
  });

  it('rejects a difficult label outside the classes', () => {
    const metric = new VOCAveragePrecision();
    expect(() => metric.process(null, [{ pred_score: [0.1, 0.9], gt_label: [0], gt_label_difficult: [2] }])).toThrow(
      'VOCAveragePrecision.process: gt_label_difficult of sample 0 holds the label 2, outside [0, 2) for 2 classes',
    );
  });

  it('checks difficult_as_positive', () => {
    expect(() => new VOCMultiLabelMetric({ difficult_as_positive: 'yes' as unknown as boolean, warn: () => {} })).toThrow(
      'VOCMultiLabelMetric: difficult_as_positive must be true, false or null, got "yes"',
    );
  });
});
