import { AveragePrecision, type AveragePrecisionOptions } from './average-precision';
import type { ClassificationSample } from './classification-sample';
import { readMultiLabelTarget } from './multi-label-target';
import { type VocDifficultOptions, applyDifficultLabels, checkDifficultAsPositive } from './voc-difficult';

/** The options of {@link VOCAveragePrecision}: those of AveragePrecision and `difficult_as_positive`. */
export interface VOCAveragePrecisionOptions extends AveragePrecisionOptions, VocDifficultOptions {}

/**
 * AveragePrecision for the VOC dataset, as MMPretrain's `VOCAveragePrecision`: labels present
 * only on difficult objects (`gt_label_difficult`) are left out of the ranking by default, or
 * counted as positives with `difficult_as_positive: true`.
 *
 * @example
 * // val_evaluator = dict(type='VOCAveragePrecision')
 * const metric = { type: 'VOCAveragePrecision' };
 */
export class VOCAveragePrecision extends AveragePrecision {
  readonly difficultAsPositive: boolean | null;

  constructor(options: VOCAveragePrecisionOptions = {}) {
    super(options);
    this.difficultAsPositive = checkDifficultAsPositive(options.difficult_as_positive, 'VOCAveragePrecision');
  }

  protected override readTarget(sample: ClassificationSample, numClasses: number, where: string, index: number): Float64Array {
    const target = readMultiLabelTarget(sample, numClasses, where, index);
    return applyDifficultLabels(target, sample, this.difficultAsPositive, where, index);
  }
}
