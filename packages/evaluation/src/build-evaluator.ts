import type { BuildConfig, Registries } from '@mmpt/registry';
import type { BaseMetric } from './base-metric';
import { Evaluator, type MetricConfig } from './evaluator';

/** What a config's `val_evaluator` or `test_evaluator` may be. */
export type EvaluatorConfig = Evaluator | BaseMetric<any, any> | BuildConfig | readonly MetricConfig[];

/**
 * Builds the evaluator of a config's `val_evaluator` or `test_evaluator`, as MMEngine's runner
 * does: an `Evaluator` is used as it is; a config with `metrics` is built from
 * `registries.evaluators` (type `'Evaluator'` by default); a metric config, a metric or a list of
 * them becomes an `Evaluator` over them. Metric configs are built from `registries.metrics`.
 *
 * @example
 * register(registries);
 * const evaluator = buildEvaluator(cfg.get('val_evaluator'), registries);
 * // val_evaluator = dict(type='Accuracy', topk=(1, 5))        -> Evaluator over one Accuracy
 * // val_evaluator = [dict(type='AveragePrecision'), ...]       -> Evaluator over each of them
 * // val_evaluator = dict(type='Evaluator', metrics=[...])      -> built by registries.evaluators
 */
export function buildEvaluator(config: EvaluatorConfig, registries: Pick<Registries, 'metrics' | 'evaluators'>): Evaluator {
  if (config instanceof Evaluator) return config;
  if (Array.isArray(config)) return new Evaluator({ metrics: config as readonly MetricConfig[], registry: registries.metrics });
  if (config !== null && typeof config === 'object' && 'metrics' in config) {
    return registries.evaluators.build<Evaluator>(config as BuildConfig, { type: 'Evaluator', registry: registries.metrics });
  }
  return new Evaluator({ metrics: config as MetricConfig, registry: registries.metrics });
}
