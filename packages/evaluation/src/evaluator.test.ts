import { describe, expect, it } from 'vitest';
import { Registry } from '@mmpt/registry';
import { Accuracy } from './accuracy';
import { Evaluator } from './evaluator';
import { SingleLabelMetric } from './single-label-metric';
import { ConfusionMatrix } from './confusion-matrix';

const samples = [
  { pred_score: [0.7, 0.0, 0.3], gt_label: [0] },
  { pred_score: [0.5, 0.2, 0.3], gt_label: [0] },
  { pred_score: [0.4, 0.5, 0.1], gt_label: [1] },
  { pred_score: [0.0, 0.0, 1.0], gt_label: [2] },
  { pred_score: [0.0, 0.0, 1.0], gt_label: [1] },
  { pred_score: [0.0, 0.0, 1.0], gt_label: [0] },
];

function alone(metric: Accuracy | SingleLabelMetric) {
  metric.process(null, samples);
  return metric.evaluate(samples.length);
}

describe('Evaluator', () => {
  it('runs every metric over the batches and merges their results', () => {
    const evaluator = new Evaluator({ metrics: [new Accuracy({ topk: [1, 2] }), new SingleLabelMetric({ average: 'micro' })] });
    evaluator.process(samples.slice(0, 4));
    evaluator.process(samples.slice(4));
    expect(evaluator.evaluate(samples.length)).toEqual({
      ...alone(new Accuracy({ topk: [1, 2] })),
      ...alone(new SingleLabelMetric({ average: 'micro' })),
    });
  });

  it('names both metrics when two results have the same name', () => {
    const evaluator = new Evaluator({ metrics: [new Accuracy(), new Accuracy({ topk: [1, 2] })] });
    evaluator.process(samples);
    expect(() => evaluator.evaluate(6)).toThrow(
      'Evaluator.evaluate: there are multiple evaluation results with the same metric name "accuracy/top1", from metrics[0] Accuracy (prefix "accuracy") and metrics[1] Accuracy (prefix "accuracy"). Please make sure all metrics have different prefixes.',
    );
    const fixed = new Evaluator({ metrics: [new Accuracy(), new Accuracy({ prefix: 'again' })] });
    fixed.process(samples);
    expect(Object.keys(fixed.evaluate(6))).toEqual(['accuracy/top1', 'again/top1']);
  });

  it('builds metric configs from a registry, or from a class given as type', () => {
    const registry = new Registry({ name: 'metric' });
    registry.register(Accuracy);
    const evaluator = new Evaluator({ metrics: [{ type: 'Accuracy', topk: 2 }, { type: ConfusionMatrix }], registry });
    expect(evaluator.metrics[0]).toBeInstanceOf(Accuracy);
    expect((evaluator.metrics[0] as Accuracy).topk).toEqual([2]);
    expect(new Evaluator({ metrics: { type: ConfusionMatrix, num_classes: 3 } }).metrics[0]).toBeInstanceOf(ConfusionMatrix);
  });

  it('explains configs it cannot build', () => {
    expect(() => new Evaluator({ metrics: [{ type: 'Accuracy' }] })).toThrow(
      'Evaluator: cannot build metrics[0] "Accuracy" without a metrics registry: pass registry (registries.metrics after calling register(registries)), or build the evaluator from registries.evaluators',
    );
    const registry = new Registry({ name: 'metric' });
    registry.register('NotAMetric', class NotAMetric {});
    expect(() => new Evaluator({ metrics: { type: 'NotAMetric' }, registry })).toThrow(
      'Evaluator: metrics[0] built an object, which has no process and evaluate methods',
    );
    expect(() => new Evaluator({ metrics: [42 as never] })).toThrow('Evaluator: metrics[0] must be a metric or a metric config, got number 42');
  });

  it('passes the dataset meta information to every metric', () => {
    const evaluator = new Evaluator({ metrics: [new Accuracy(), new ConfusionMatrix()] });
    evaluator.datasetMeta = { classes: ['a', 'b', 'c'] };
    expect(evaluator.metrics.map((metric) => metric.datasetMeta)).toEqual([{ classes: ['a', 'b', 'c'] }, { classes: ['a', 'b', 'c'] }]);
  });

  it('evaluates samples at hand in chunks', () => {
    const evaluator = new Evaluator({ metrics: new Accuracy() });
    expect(evaluator.offlineEvaluate(samples, undefined, 4)).toEqual(alone(new Accuracy()));
    expect(() => evaluator.offlineEvaluate(samples, [1, 2])).toThrow(
      'Evaluator.offlineEvaluate: data (2 items) and dataSamples (6) must have the same length',
    );
  });
});
