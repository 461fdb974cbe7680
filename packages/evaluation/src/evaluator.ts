import { type BuildConfig, Registry, buildFromConfig } from '@mmpt/registry';
import type { BaseMetric, MetricResults } from './base-metric';
import { describeValue } from './metric-input';

/** A metric, or the config of one (`{ type: 'Accuracy', topk: [1, 5] }`). */
export type MetricConfig = BaseMetric<any, any> | BuildConfig;

/** The options of {@link Evaluator}. */
export interface EvaluatorOptions {
  /** One metric or a list of them, as objects or configs. */
  metrics: MetricConfig | readonly MetricConfig[];
  /**
   * The registry that builds metric configs whose `type` is a name (`registries.metrics`). The
   * `Evaluator` that `register` puts in `registries.evaluators` sets it.
   */
  registry?: Registry<any>;
}

/**
 * Runs several metrics over the same data samples and merges their results, as MMEngine's
 * `Evaluator`. Two metrics that give a result of the same name (with their prefixes) are an
 * error naming both: give one of them another `prefix`.
 *
 * @example
 * // val_evaluator = [dict(type='Accuracy', topk=(1, 5)), dict(type='SingleLabelMetric', items=['precision', 'recall'])]
 * const evaluator = new Evaluator({
 *   metrics: [{ type: 'Accuracy', topk: [1, 5] }, { type: 'SingleLabelMetric', items: ['precision', 'recall'] }],
 *   registry: registries.metrics,
 * });
 * evaluator.process(dataSamples);
 * evaluator.evaluate(dataset.length); // { 'accuracy/top1': ..., 'accuracy/top5': ..., 'single-label/precision': ..., ... }
 */
export class Evaluator<Sample = any> {
  readonly metrics: BaseMetric<Sample, unknown>[];
  #datasetMeta: Record<string, unknown> | null = null;

  constructor(options: EvaluatorOptions) {
    if (options === null || typeof options !== 'object' || !('metrics' in options)) {
      throw new TypeError(`Evaluator: the options must have "metrics", got ${describeValue(options)}`);
    }
    const list = Array.isArray(options.metrics) ? options.metrics : [options.metrics];
    this.metrics = list.map((metric: MetricConfig, index: number) => buildMetric(metric, options.registry, index));
  }

  /** The meta information of the dataset, passed on to every metric. */
  get datasetMeta(): Record<string, unknown> | null {
    return this.#datasetMeta;
  }

  set datasetMeta(meta: Record<string, unknown> | null) {
    this.#datasetMeta = meta;
    for (const metric of this.metrics) metric.datasetMeta = meta;
  }

  /** Gives one batch of data samples (and the batch from the dataloader) to every metric. */
  process(dataSamples: readonly Sample[], dataBatch: unknown = null): void {
    for (const metric of this.metrics) metric.process(dataBatch, dataSamples);
  }

  /** Evaluates every metric over the first `size` samples and merges the results. */
  evaluate(size: number): MetricResults {
    const merged: MetricResults = {};
    const source = new Map<string, string>();
    this.metrics.forEach((metric, index) => {
      const results = metric.evaluate(size);
      const name = describeMetric(metric, index);
      for (const [key, value] of Object.entries(results)) {
        const previous = source.get(key);
        if (previous !== undefined) {
          throw new Error(
            `Evaluator.evaluate: there are multiple evaluation results with the same metric name "${key}", from ${previous} and ${name}. Please make sure all metrics have different prefixes.`,
          );
        }
        source.set(key, name);
        merged[key] = value;
      }
    });
    return merged;
  }

  /**
   * Evaluates data samples that are all at hand (MMEngine's `offline_evaluate`): processes them
   * in chunks of `chunkSize`, with the matching items of `data` as the batches, then evaluates.
   */
  offlineEvaluate(dataSamples: readonly Sample[], data?: readonly unknown[], chunkSize = 1): MetricResults {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new RangeError(`Evaluator.offlineEvaluate: chunkSize must be a positive integer, got ${chunkSize}`);
    }
    if (data !== undefined && data.length !== dataSamples.length) {
      throw new RangeError(
        `Evaluator.offlineEvaluate: data (${data.length} items) and dataSamples (${dataSamples.length}) must have the same length`,
      );
    }
    for (let start = 0; start < dataSamples.length; start += chunkSize) {
      const batch = data ? data.slice(start, start + chunkSize) : new Array<null>(Math.min(chunkSize, dataSamples.length - start)).fill(null);
      this.process(dataSamples.slice(start, start + chunkSize), batch);
    }
    return this.evaluate(dataSamples.length);
  }
}

function buildMetric<Sample>(metric: MetricConfig, registry: Registry<any> | undefined, index: number): BaseMetric<Sample, unknown> {
  if (isMetric(metric)) return metric as BaseMetric<Sample, unknown>;
  if (metric === null || typeof metric !== 'object') {
    throw new TypeError(`Evaluator: metrics[${index}] must be a metric or a metric config, got ${describeValue(metric)}`);
  }
  const config = metric as BuildConfig;
  let built: unknown;
  if (registry) {
    built = registry.build(config);
  } else if (typeof config.type === 'function') {
    built = buildFromConfig(config, new Registry({ name: 'metric' }));
  } else {
    throw new TypeError(
      `Evaluator: cannot build metrics[${index}] ${JSON.stringify(config.type ?? null)} without a metrics registry: pass registry (registries.metrics after calling register(registries)), or build the evaluator from registries.evaluators`,
    );
  }
  if (!isMetric(built)) {
    throw new TypeError(`Evaluator: metrics[${index}] built ${describeValue(built)}, which has no process and evaluate methods`);
  }
  return built as BaseMetric<Sample, unknown>;
}

function isMetric(value: unknown): value is BaseMetric<unknown, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { process?: unknown }).process === 'function' &&
    typeof (value as { evaluate?: unknown }).evaluate === 'function'
  );
}

function describeMetric(metric: BaseMetric<unknown, unknown>, index: number): string {
  const prefix = metric.prefix ? `prefix "${metric.prefix}"` : 'no prefix';
  return `metrics[${index}] ${metric.constructor.name} (${prefix})`;
}
