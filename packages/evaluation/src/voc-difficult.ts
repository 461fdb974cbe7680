import { type ClassificationSample, readLabels } from './classification-sample';

/** The option of the VOC metrics, with MMPretrain's name. */
export interface VocDifficultOptions {
  /**
   * How labels that appear only among the difficult objects of an image are counted: `null`
   * (default) ignores them (target -1), `true` counts them as positives (1), `false` leaves the
   * target as it is (a label only on difficult objects is 0 in the one-hot of `gt_label`).
   */
  difficult_as_positive?: boolean | null;
}

/**
 * Applies the VOC difficult-label rule of MMPretrain's `VOCMetricMixin` to a sample's target:
 * the classes in `gt_label_difficult` but not in `gt_label` become -1 (`difficultAsPositive`
 * `null`) or 1 (`true`); `false` changes nothing. A sample without `gt_label_difficult` has no
 * difficult labels. Returns a new target.
 */
export function applyDifficultLabels(
  target: ArrayLike<number>,
  sample: ClassificationSample,
  difficultAsPositive: boolean | null,
  where: string,
  sampleIndex: number,
): Float64Array {
  const result = Float64Array.from(target);
  if (difficultAsPositive === false) return result;
  const difficult = readLabels(sample, 'gt_label_difficult', where, sampleIndex) ?? new Float64Array(0);
  const labels = new Set(readLabels(sample, 'gt_label', where, sampleIndex) ?? []);
  for (const label of difficult) {
    if (labels.has(label)) continue;
    if (label < 0 || label >= result.length) {
      throw new RangeError(
        `${where}: gt_label_difficult of sample ${sampleIndex} holds the label ${label}, outside [0, ${result.length}) for ${result.length} classes`,
      );
    }
    result[label] = difficultAsPositive === null ? -1 : 1;
  }
  return result;
}

/** Checks the `difficult_as_positive` option. */
export function checkDifficultAsPositive(value: unknown, where: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new TypeError(`${where}: difficult_as_positive must be true, false or null, got ${JSON.stringify(value)}`);
  return value;
}
