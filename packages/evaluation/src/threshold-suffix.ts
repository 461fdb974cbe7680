import { formatFixed } from './format-fixed';

/**
 * The suffix MMPretrain appends to a metric name when several thresholds are evaluated:
 * `'_no-thr'` for `null` (no threshold), `'_thr-0.60'` for 0.6.
 */
export function thresholdSuffix(threshold: number | null): string {
  return threshold === null ? '_no-thr' : `_thr-${formatFixed(threshold, 2)}`;
}
