import { collectResults } from './collect-results';

/** A value in the results of a metric: a number, a list (per class) or a matrix. */
export type MetricValue = number | number[] | number[][];

/** The results of a metric or an evaluator, by name (`'accuracy/top1'`). */
export type MetricResults = Record<string, MetricValue>;

/** The options every metric takes, with MMEngine's names. */
export interface BaseMetricOptions {
  /**
   * Where results are gathered from the workers of a distributed evaluation: `'cpu'` (default) or
   * `'gpu'`. mmpt evaluates in one process, where both gather nothing; the option is checked and
   * kept so that configs carry over.
   */
  collect_device?: 'cpu' | 'gpu';
  /** The prefix of the result names; the metric's `defaultPrefix` when not given. */
  prefix?: string | null;
  /** A folder for gathering results on the CPU; only valid with `collect_device: 'cpu'`. */
  collect_dir?: string | null;
  /** Where warnings go; `console.warn` by default. */
  warn?: (message: string) => void;
}

/**
 * The base class of metrics, as MMEngine's `BaseMetric`: `process` turns each batch of data
 * samples into results kept in `results`; `evaluate(size)` gathers the first `size` results,
 * computes the metrics with `computeMetrics`, prefixes their names (`'accuracy/top1'`) and clears
 * the results.
 *
 * A user-defined metric extends it, sets `static defaultPrefix` and implements `process` and
 * `computeMetrics`, then is registered in `registries.metrics` by a plugin's `register`.
 *
 * @example
 * class MeanConfidence extends BaseMetric<{ pred_score: number[] }, number> {
 *   static override defaultPrefix: string | null = 'confidence';
 *   process(dataBatch: unknown, dataSamples: readonly { pred_score: number[] }[]): void {
 *     for (const sample of dataSamples) this.results.push(Math.max(...sample.pred_score));
 *   }
 *   computeMetrics(results: number[]): MetricResults {
 *     return { mean: results.reduce((sum, value) => sum + value, 0) / results.length };
 *   }
 * }
 */
export abstract class BaseMetric<Sample = unknown, Result = unknown> {
  /** The prefix used when the options give none (MMEngine's `default_prefix`). */
  static defaultPrefix: string | null = null;

  /** Where results would be gathered in a distributed evaluation. */
  readonly collectDevice: 'cpu' | 'gpu';
  /** The folder for gathering results on the CPU, if any. */
  readonly collectDir: string | null;
  /** The prefix of the result names, or `null` for none. */
  readonly prefix: string | null;
  /** The processed results, filled by `process` and cleared by `evaluate`. */
  results: Result[] = [];
  /** The meta information of the dataset (classes, ...), set by the evaluator. */
  datasetMeta: Record<string, unknown> | null = null;
  protected readonly warn: (message: string) => void;

  constructor(options: BaseMetricOptions = {}) {
    const name = this.constructor.name;
    const device = options.collect_device ?? 'cpu';
    if (device !== 'cpu' && device !== 'gpu') {
      throw new RangeError(`${name}: collect_device must be 'cpu' or 'gpu', got ${JSON.stringify(device)}`);
    }
    const collectDir = options.collect_dir ?? null;
    if (collectDir !== null && device !== 'cpu') {
      throw new RangeError(`${name}: collect_dir can only be set with collect_device 'cpu', got collect_device '${device}'`);
    }
    this.collectDevice = device;
    this.collectDir = collectDir;
    this.warn = options.warn ?? ((message) => console.warn(message));
    const defaultPrefix = (this.constructor as typeof BaseMetric).defaultPrefix;
    this.prefix = options.prefix || defaultPrefix || null;
    if (this.prefix === null) this.warn(`The prefix is not set in metric class ${name}.`);
  }

  /** Turns one batch of data samples (the model's outputs) into entries of `results`. */
  abstract process(dataBatch: unknown, dataSamples: readonly Sample[]): void;

  /** Computes the metrics from all processed results; names are given without the prefix. */
  abstract computeMetrics(results: Result[]): MetricResults;

  /**
   * Computes the metrics over the first `size` processed results (the dataset size: a sampler
   * may have padded the last batch), prefixes their names and clears the results.
   */
  evaluate(size: number): MetricResults {
    const name = this.constructor.name;
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(`${name}.evaluate: size must be a non-negative integer, got ${size}`);
    }
    if (this.results.length === 0) {
      this.warn(
        `${name} got empty results. Please ensure that the processed results are properly added into \`results\` in the \`process\` method.`,
      );
    }
    const metrics = this.computeMetrics(collectResults([this.results], size));
    const prefixed: MetricResults = {};
    for (const [key, value] of Object.entries(metrics)) {
      prefixed[this.prefix ? `${this.prefix}/${key}` : key] = value;
    }
    this.results = [];
    return prefixed;
  }
}
