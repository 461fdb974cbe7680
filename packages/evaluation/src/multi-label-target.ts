import { type ClassificationSample, readLabels, readScores, requireField } from './classification-sample';
import { labelToOnehot } from './one-hot';

/**
 * The multi-label target of a sample, as MMPretrain's multi-label metrics read it: its
 * `gt_score` when set, else the one-hot of its `gt_label` over `numClasses` classes.
 */
export function readMultiLabelTarget(sample: ClassificationSample, numClasses: number, where: string, sampleIndex: number): Float64Array | Int32Array {
  const gtScore = readScores(sample, 'gt_score', where, sampleIndex);
  if (gtScore) return gtScore;
  const labels = requireField(readLabels(sample, 'gt_label', where, sampleIndex), where, 'gt_score or gt_label', sampleIndex);
  return labelToOnehot(labels, numClasses, `${where}: gt_label of sample ${sampleIndex}`);
}
