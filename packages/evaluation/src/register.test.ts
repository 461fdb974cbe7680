import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createChildRegistries, createRegistries, importPlugins } from '@mmpt/registry';
import { AveragePrecision } from './average-precision';
import { buildEvaluator } from './build-evaluator';
import { Evaluator } from './evaluator';
import { MultiLabelMetric } from './multi-label-metric';
import { register } from './register';
import { MeanConfidence, register as registerPlugin } from './__fixtures__/my-metric-plugin';

const singleLabel = [
  { pred_score: [0.7, 0.0, 0.3], gt_label: [0] },
  { pred_score: [0.5, 0.2, 0.3], gt_label: [1] },
  { pred_score: [0.1, 0.2, 0.7], gt_label: [2] },
];

const multiLabel = [
  { pred_score: [0.9, 0.8, 0.3, 0.2], gt_label: [0, 1] },
  { pred_score: [0.1, 0.2, 0.2, 0.1], gt_label: [1] },
  { pred_score: [0.7, 0.5, 0.9, 0.3], gt_label: [2] },
  { pred_score: [0.8, 0.1, 0.1, 0.2], gt_label: [0] },
];

function registered() {
  const registries = createRegistries();
  register(registries);
  return registries;
}

describe('register', () => {
  it('registers the metrics and the evaluator under MMPretrain names', () => {
    const registries = registered();
    expect(registries.metrics.keys()).toEqual([
      'Accuracy',
      'SingleLabelMetric',
      'ConfusionMatrix',
      'MultiLabelMetric',
      'AveragePrecision',
      'VOCMultiLabelMetric',
      'VOCAveragePrecision',
      'RetrievalRecall',
      'RetrievalAveragePrecision',
    ]);
    expect(registries.evaluators.keys()).toEqual(['Evaluator']);
    expect(createRegistries().metrics.size).toBe(0);
  });

  it('builds the evaluator configs of the guide', () => {
    const registries = registered();
    // val_evaluator = dict(type='Accuracy', topk=(1, 5)) needs 5 classes, here topk=(1, 2)
    const accuracy = buildEvaluator({ type: 'Accuracy', topk: [1, 2] }, registries);
    accuracy.process(singleLabel);
    expect(Object.keys(accuracy.evaluate(3))).toEqual(['accuracy/top1', 'accuracy/top2']);

    const precisionRecall = buildEvaluator(
      [{ type: 'Accuracy', topk: [1, 2] }, { type: 'SingleLabelMetric', items: ['precision', 'recall'] }],
      registries,
    );
    precisionRecall.process(singleLabel);
    expect(Object.keys(precisionRecall.evaluate(3))).toEqual([
      'accuracy/top1',
      'accuracy/top2',
      'single-label/precision',
      'single-label/recall',
    ]);

    const warn = vi.fn();
    const multi = buildEvaluator(
      [
        { type: 'AveragePrecision' },
        { type: 'MultiLabelMetric', average: 'macro', warn },
        { type: 'MultiLabelMetric', average: 'micro', warn },
      ],
      registries,
    );
    multi.process(multiLabel);
    const results = multi.evaluate(4);
    expect(Object.keys(results)).toEqual([
      'multi-label/mAP',
      'multi-label/precision',
      'multi-label/recall',
      'multi-label/f1-score',
      'multi-label/precision_micro',
      'multi-label/recall_micro',
      'multi-label/f1-score_micro',
    ]);
    expect(results['multi-label/mAP']).toBe(70.83333587646484);
    expect(warn).toHaveBeenCalledWith('MultiLabelMetric: neither thr nor topk is given, set thr as 0.5 by default.');
  });

  it('builds an Evaluator config through the evaluator registry', () => {
    const registries = registered();
    const evaluator = buildEvaluator({ metrics: [{ type: 'AveragePrecision' }] }, registries);
    expect(evaluator).toBeInstanceOf(Evaluator);
    expect(evaluator.metrics[0]).toBeInstanceOf(AveragePrecision);
    const typed = registries.evaluators.build<Evaluator>({ type: 'Evaluator', metrics: { type: 'MultiLabelMetric', topk: 1 } });
    expect(typed.metrics[0]).toBeInstanceOf(MultiLabelMetric);
    expect(buildEvaluator(typed, registries)).toBe(typed);
    const metric = new AveragePrecision();
    expect(buildEvaluator(metric, registries).metrics).toEqual([metric]);
  });

  it('names the closest metrics for an unknown type', () => {
    expect(() => buildEvaluator({ type: 'Acuracy' }, registered())).toThrow(
      '"Acuracy" is not registered in the metric registry (scope "mmpt"). Did you mean "Accuracy"?',
    );
  });
});

describe('a user-defined metric registered by a plugin', () => {
  it('is built from a config after its register function ran', () => {
    const registries = registered();
    registerPlugin(registries);
    const evaluator = buildEvaluator([{ type: 'Accuracy' }, { type: 'MeanConfidence' }], registries);
    evaluator.process(singleLabel);
    expect(evaluator.evaluate(3)).toEqual({ 'accuracy/top1': 66.66666412353516, 'confidence/mean': (0.7 + 0.5 + 0.7) / 3 });
  });

  it('is imported from custom_imports', async () => {
    const registries = registered();
    const here = fileURLToPath(new URL('.', import.meta.url));
    await importPlugins(['./__fixtures__/my-metric-plugin.ts'], registries, { baseDir: here });
    expect(registries.metrics.has('MeanConfidence')).toBe(true);
    const evaluator = buildEvaluator({ type: 'MeanConfidence', prefix: 'val' }, registries);
    evaluator.process(singleLabel);
    expect(evaluator.evaluate(3)).toEqual({ 'val/mean': (0.7 + 0.5 + 0.7) / 3 });
  });

  it('can live in its own scope', () => {
    const registries = registered();
    const plugin = createChildRegistries(registries, 'myplugin');
    plugin.metrics.register(MeanConfidence);
    const evaluator = buildEvaluator({ type: 'myplugin.MeanConfidence' }, registries);
    expect(evaluator.metrics[0]).toBeInstanceOf(MeanConfidence);
  });
});
