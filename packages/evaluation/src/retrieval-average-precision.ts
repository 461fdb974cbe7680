import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';
import { type ClassificationSample, readScores, requireField } from './classification-sample';
import { readMultiLabelTarget } from './multi-label-target';
import { numpyMean } from './numpy-sum';
import { type RetrievalInput, checkSameQueries, formatRetrievalPred, formatRetrievalTarget } from './retrieval-input';
import type { RetrievalCalculateOptions } from './retrieval-recall';

/** How the precision-recall curve of a query is summed. */
export type RetrievalAveragePrecisionMode = 'IR' | 'integrate';

/** The options of {@link RetrievalAveragePrecision}, with MMPretrain's names. */
export interface RetrievalAveragePrecisionOptions extends BaseMetricOptions {
  /** Only the `topk` best predictions of a query count. Required. */
  topk: number;
  /** `'IR'` (default) or `'integrate'`. */
  mode?: RetrievalAveragePrecisionMode;
}

/** The options of {@link RetrievalAveragePrecision.calculate}. */
export interface RetrievalAveragePrecisionCalculateOptions extends RetrievalCalculateOptions {
  /** `'IR'` (default) or `'integrate'`. */
  mode?: RetrievalAveragePrecisionMode;
}

/**
 * Mean average precision of image retrieval, as MMPretrain's `RetrievalAveragePrecision`, over the
 * `topk` best predictions of every query. With `mode: 'IR'` the AP of a query sums the precision
 * at the rank of every relevant item found (the information-retrieval definition); with
 * `'integrate'` it sums the mean of the precisions before and at that rank (the Revisited
 * Oxford/Paris convention). Either sum is divided by the number of relevant items of the query,
 * found or not. The result is named `mAP@{topk}` (`retrieval/mAP@10`); values are float64 as
 * MMPretrain's numpy code.
 *
 * @example
 * // val_evaluator = dict(type='RetrievalAveragePrecision', topk=100)
 * RetrievalAveragePrecision.calculate(
 *   [Array.from({ length: 10 }, (_, i) => 0.95 - 0.1 * i)],
 *   [[1, 0, 1, 0, 0, 1, 0, 0, 1, 1]],
 *   10,
 * ); // 62.222222222222214
 */
export class RetrievalAveragePrecision extends BaseMetric<ClassificationSample, number> {
  static override defaultPrefix: string | null = 'retrieval';

  readonly topk: number;
  readonly mode: RetrievalAveragePrecisionMode;

  constructor(options: RetrievalAveragePrecisionOptions) {
    super(options);
    this.topk = checkTopk(options?.topk, 'RetrievalAveragePrecision');
    this.mode = checkMode(options?.mode ?? 'IR', 'RetrievalAveragePrecision');
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = 'RetrievalAveragePrecision.process';
    for (const sample of dataSamples) {
      const index = this.results.length;
      const predScore = requireField(readScores(sample, 'pred_score', where, index), where, 'pred_score', index);
      const target = readMultiLabelTarget(sample, predScore.length, where, index);
      // As MMPretrain, every query is scored as it comes, to keep only one number per query.
      this.results.push(RetrievalAveragePrecision.calculate([predScore], [target], this.topk, { mode: this.mode }));
    }
  }

  computeMetrics(results: number[]): MetricResults {
    if (results.length === 0) throw new RangeError('RetrievalAveragePrecision.computeMetrics: no results to compute the mAP of');
    return { [`mAP@${this.topk}`]: numpyMean(results) };
  }

  /**
   * The mean over queries of the average precision (in percent) of the `topk` best predictions.
   * `pred` holds scores `(N, M)` (ranked highest first, ties to the lower index) or ranked index
   * lists; `target` one-hot rows (every non-zero entry is relevant) or relevant index lists. A
   * query without relevant items is an error (its AP is undefined).
   */
  static calculate(
    pred: RetrievalInput,
    target: RetrievalInput,
    topk: number,
    options: RetrievalAveragePrecisionCalculateOptions = {},
  ): number {
    const where = 'RetrievalAveragePrecision.calculate';
    const keep = checkTopk(topk, where);
    const mode = checkMode(options.mode ?? 'IR', where);
    const ranked = formatRetrievalPred(pred, keep, options.predIndices ?? false, where);
    const relevant = formatRetrievalTarget(target, options.targetIndices ?? false, where);
    checkSameQueries(ranked, relevant, where);
    const averagePrecisions = ranked.map((items, query) => averagePrecisionOfQuery(items, relevant[query] as number[], mode, where, query));
    return numpyMean(averagePrecisions);
  }
}

/** The AP in percent of one query, in float64 in MMPretrain's order of operations. */
function averagePrecisionOfQuery(
  ranked: readonly number[],
  relevant: readonly number[],
  mode: RetrievalAveragePrecisionMode,
  where: string,
  query: number,
): number {
  if (relevant.length === 0) {
    throw new RangeError(`${where}: query ${query} has no relevant item in target, so its average precision is undefined`);
  }
  const wanted = new Set(relevant);
  let sum = 0;
  let found = 0;
  ranked.forEach((item, rank) => {
    if (!wanted.has(item)) return;
    if (mode === 'IR') {
      sum += (found + 1) / (rank + 1);
    } else {
      const previous = rank > 0 ? found / rank : 1;
      const current = (found + 1) / (rank + 1);
      sum += (previous + current) / 2;
    }
    found++;
  });
  return (sum / relevant.length) * 100;
}

function checkTopk(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${where}: topk must be an integer larger than 0, got ${String(value)}`);
  }
  return value;
}

function checkMode(value: unknown, where: string): RetrievalAveragePrecisionMode {
  if (value !== 'IR' && value !== 'integrate') {
    throw new RangeError(`${where}: invalid mode ${JSON.stringify(value)}, choose from 'IR' and 'integrate'`);
  }
  return value;
}
