import { BaseMetric, type BaseMetricOptions, type MetricResults } from './base-metric';
import { type ClassificationSample, readScores, requireField } from './classification-sample';
import { readMultiLabelTarget } from './multi-label-target';
import { type RetrievalInput, checkSameQueries, formatRetrievalPred, formatRetrievalTarget } from './retrieval-input';
import { normalizeTopk } from './thresholds';

/** The options of {@link RetrievalRecall}, with MMPretrain's names. */
export interface RetrievalRecallOptions extends BaseMetricOptions {
  /** A query counts as recalled when a relevant item is among its `k` best; one result per k. */
  topk: number | readonly number[];
}

/** The options of {@link RetrievalRecall.calculate}. */
export interface RetrievalCalculateOptions {
  /** `pred` is a list of ranked index lists instead of scores. */
  predIndices?: boolean;
  /** `target` is a list of relevant index lists instead of one-hot rows. */
  targetIndices?: boolean;
}

/**
 * Recall@k of image retrieval, as MMPretrain's `RetrievalRecall`: the percentage of queries with
 * at least one relevant item (`gt_score`, else the one-hot of `gt_label`) among the `k` best
 * scored items. Results are named `Recall@{k}` (`retrieval/Recall@1`).
 *
 * @example
 * // val_evaluator = dict(type='RetrievalRecall', topk=(1, 5))
 * RetrievalRecall.calculate([[0], [1], [2], [3]], [[0, 1], [2], [1], [0, 3]], 1, {
 *   predIndices: true, targetIndices: true,
 * }); // [50]
 */
export class RetrievalRecall extends BaseMetric<ClassificationSample, number[]> {
  static override defaultPrefix: string | null = 'retrieval';

  readonly topk: number[];

  constructor(options: RetrievalRecallOptions) {
    super(options);
    this.topk = normalizeTopk(options?.topk as number | number[], NaN, 'RetrievalRecall');
  }

  process(_dataBatch: unknown, dataSamples: readonly ClassificationSample[]): void {
    const where = 'RetrievalRecall.process';
    for (const sample of dataSamples) {
      const index = this.results.length;
      const predScore = requireField(readScores(sample, 'pred_score', where, index), where, 'pred_score', index);
      const target = readMultiLabelTarget(sample, predScore.length, where, index);
      // As MMPretrain, every query is scored as it comes, to keep only one number per k.
      this.results.push(RetrievalRecall.calculate([predScore], [target], this.topk));
    }
  }

  computeMetrics(results: number[][]): MetricResults {
    if (results.length === 0) throw new RangeError('RetrievalRecall.computeMetrics: no results to compute the recall of');
    const metrics: MetricResults = {};
    this.topk.forEach((k, i) => {
      let total = 0;
      for (const result of results) total += result[i] as number;
      metrics[`Recall@${k}`] = total / results.length;
    });
    return metrics;
  }

  /**
   * The recall@k in percent (float32 as MMPretrain) for every k of `topk`: the share of queries
   * with a relevant item among their first `k` predictions. `pred` holds scores `(N, M)` (ranked
   * highest first, ties to the lower index) or ranked index lists; `target` one-hot rows (every
   * non-zero entry is relevant) or relevant index lists.
   */
  static calculate(
    pred: RetrievalInput,
    target: RetrievalInput,
    topk: number | readonly number[],
    options: RetrievalCalculateOptions = {},
  ): number[] {
    const where = 'RetrievalRecall.calculate';
    const ks = normalizeTopk(topk, NaN, where);
    const ranked = formatRetrievalPred(pred, Math.max(...ks), options.predIndices ?? false, where);
    const relevant = formatRetrievalTarget(target, options.targetIndices ?? false, where);
    checkSameQueries(ranked, relevant, where);
    return ks.map((k) => {
      let recalled = 0;
      ranked.forEach((items, query) => {
        const wanted = new Set(relevant[query]);
        if (items.slice(0, k).some((item) => wanted.has(item))) recalled++;
      });
      return Math.fround(Math.fround(recalled / ranked.length) * 100);
    });
  }
}
