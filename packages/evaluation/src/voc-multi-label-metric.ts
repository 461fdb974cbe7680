import type { ClassificationSample } from './classification-sample';
import { MultiLabelMetric, type MultiLabelMetricOptions } from './multi-label-metric';
import { readMultiLabelTarget } from './multi-label-target';
import { type VocDifficultOptions, applyDifficultLabels, checkDifficultAsPositive } from './voc-difficult';

/** The options of {@link VOCMultiLabelMetric}: those of MultiLabelMetric and `difficult_as_positive`. */
export interface VOCMultiLabelMetricOptions extends MultiLabelMetricOptions, VocDifficultOptions {}

/**
 * MultiLabelMetric for the VOC dataset, as MMPretrain's `VOCMultiLabelMetric`: labels present
 * only on difficult objects (`gt_label_difficult`) are ignored by default, or counted as
 * positives with `difficult_as_positive: true`.
 *
 * @example
 * // val_evaluator = dict(type='VOCMultiLabelMetric', average='micro')
 * const metric = { type: 'VOCMultiLabelMetric', average: 'micro' };
 */
export class VOCMultiLabelMetric extends MultiLabelMetric {
  readonly difficultAsPositive: boolean | null;

  constructor(options: VOCMultiLabelMetricOptions = {}) {
    super(options);
    this.difficultAsPositive = checkDifficultAsPositive(options.difficult_as_positive, 'VOCMultiLabelMetric');
  }

  protected override readTarget(sample: ClassificationSample, numClasses: number, where: string, index: number): Float64Array {
    const target = readMultiLabelTarget(sample, numClasses, where, index);
    return applyDifficultLabels(target, sample, this.difficultAsPositive, where, index);
  }
}
