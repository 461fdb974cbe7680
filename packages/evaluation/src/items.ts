import type { PrecisionRecallF1Support } from './precision-recall-f1';
import type { MetricValue } from './base-metric';

/** The detailed metrics SingleLabelMetric and MultiLabelMetric can report. */
export type MetricItem = 'precision' | 'recall' | 'f1-score' | 'support';

const ITEMS: readonly MetricItem[] = ['precision', 'recall', 'f1-score', 'support'];

/** Checks an `items` option; the default is precision, recall and f1-score. */
export function normalizeItems(value: readonly string[] | undefined, where: string): MetricItem[] {
  const items = value === undefined ? ['precision', 'recall', 'f1-score'] : [...value];
  for (const item of items) {
    if (!ITEMS.includes(item as MetricItem)) {
      throw new RangeError(
        `${where}: the metric item "${item}" is not supported, choose from "precision", "recall", "f1-score" and "support"`,
      );
    }
  }
  return items as MetricItem[];
}

/** The chosen items of a precision/recall/f1/support result, by name, in MMPretrain's order. */
export function packItems(values: PrecisionRecallF1Support, items: readonly MetricItem[]): Record<string, MetricValue> {
  const packed: Record<string, MetricValue> = {};
  ITEMS.forEach((item, index) => {
    if (items.includes(item)) packed[item] = values[index] as MetricValue;
  });
  return packed;
}

/**
 * Appends the averaging suffix to every name: `_classwise` for `null`, `_micro` for `'micro'`,
 * nothing for `'macro'`.
 */
export function withAverageSuffix(metrics: Record<string, MetricValue>, average: 'macro' | 'micro' | null): Record<string, MetricValue> {
  const suffix = average === null ? '_classwise' : average === 'micro' ? '_micro' : '';
  const result: Record<string, MetricValue> = {};
  for (const [key, value] of Object.entries(metrics)) result[key + suffix] = value;
  return result;
}
