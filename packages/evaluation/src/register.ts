import type { Registries } from '@mmpt/registry';
import { Accuracy } from './accuracy';
import { AveragePrecision } from './average-precision';
import { ConfusionMatrix } from './confusion-matrix';
import { Evaluator, type EvaluatorOptions } from './evaluator';
import { MultiLabelMetric } from './multi-label-metric';
import { RetrievalAveragePrecision } from './retrieval-average-precision';
import { RetrievalRecall } from './retrieval-recall';
import { SingleLabelMetric } from './single-label-metric';
import { VOCAveragePrecision } from './voc-average-precision';
import { VOCMultiLabelMetric } from './voc-multi-label-metric';

/** The metrics `register` adds, under MMPretrain's names (spelled out, so a minifier cannot change them). */
const METRICS = {
  Accuracy,
  SingleLabelMetric,
  ConfusionMatrix,
  MultiLabelMetric,
  AveragePrecision,
  VOCMultiLabelMetric,
  VOCAveragePrecision,
  RetrievalRecall,
  RetrievalAveragePrecision,
} as const;

/**
 * Registers the metrics of this package in `registries.metrics` under MMPretrain's names
 * (`'Accuracy'`, `'SingleLabelMetric'`, `'ConfusionMatrix'`, `'MultiLabelMetric'`,
 * `'AveragePrecision'`, `'VOCMultiLabelMetric'`, `'VOCAveragePrecision'`, `'RetrievalRecall'`,
 * `'RetrievalAveragePrecision'`), and `'Evaluator'` in `registries.evaluators`: an `Evaluator`
 * that builds its metric configs from `registries.metrics`. Nothing is registered on import.
 *
 * @example
 * const registries = createRegistries();
 * register(registries);
 * const metric = registries.metrics.build({ type: 'Accuracy', topk: [1, 5] });
 */
export function register(registries: Registries): void {
  for (const [name, metric] of Object.entries(METRICS)) registries.metrics.register(name, metric);
  const metrics = registries.metrics;
  class RegisteredEvaluator extends Evaluator {
    constructor(options: EvaluatorOptions) {
      super({ ...options, registry: options?.registry ?? metrics });
    }
  }
  registries.evaluators.register('Evaluator', RegisteredEvaluator);
}
