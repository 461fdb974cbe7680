import type { DataSample } from '@mmpt/structures';
import type { Tensor } from '@mmpt/tensor';
import { checkIntegers, describeValue, roundToFloat32, toVector } from './metric-input';

/** A label field: one class index, a list of indices, a typed array or a 1-D tensor. */
export type LabelValue = number | ArrayLike<number> | Tensor;

/** A score field: one score per class, as a list, a typed array or a 1-D tensor. */
export type ScoreValue = ArrayLike<number> | Tensor;

/**
 * The fields the classification and retrieval metrics read from a plain-object sample, under
 * MMPretrain's names.
 */
export interface ClassificationSampleFields {
  /** The predicted score of every class. */
  pred_score?: ScoreValue | null;
  /** The predicted class (used when there is no `pred_score`). */
  pred_label?: LabelValue | null;
  /** The ground-truth class (single-label) or classes (multi-label, retrieval). */
  gt_label?: LabelValue | null;
  /** The ground-truth score of every class (multi-label); preferred over `gt_label`. */
  gt_score?: ScoreValue | null;
  /** The number of classes (meta information), used when only labels are predicted. */
  num_classes?: number | null;
  /** The labels of difficult objects (VOC), ignored or mapped by the VOC metrics. */
  gt_label_difficult?: LabelValue | null;
}

/**
 * A sample the metrics read: a `@mmpt/structures` `DataSample` (read through `get(name)`, which
 * covers its data fields and meta information), or a plain object with the fields of
 * {@link ClassificationSampleFields}.
 */
export type ClassificationSample = DataSample | ClassificationSampleFields;

type FieldName = keyof ClassificationSampleFields;

/** A field of a sample by MMPretrain's name, `undefined` (or `null`) when it is not set. */
export function fieldOf(sample: ClassificationSample, name: FieldName): unknown {
  if (sample === null || typeof sample !== 'object') {
    throw new TypeError(`a data sample must be a DataSample or an object, got ${describeValue(sample)}`);
  }
  const getter = (sample as { get?: unknown }).get;
  if (typeof getter === 'function') return (getter as (field: string) => unknown).call(sample, name);
  return (sample as ClassificationSampleFields)[name];
}

/** A score field as float32 values, or `undefined` when the sample does not have it. */
export function readScores(
  sample: ClassificationSample,
  field: 'pred_score' | 'gt_score',
  where: string,
  sampleIndex: number,
): Float64Array | undefined {
  const value = fieldOf(sample, field);
  if (value === undefined || value === null) return undefined;
  return roundToFloat32(toVector(value, where, `${field} of sample ${sampleIndex}`));
}

/** A label field as integers, or `undefined` when the sample does not have it. */
export function readLabels(
  sample: ClassificationSample,
  field: 'pred_label' | 'gt_label' | 'gt_label_difficult',
  where: string,
  sampleIndex: number,
): Float64Array | undefined {
  const value = fieldOf(sample, field);
  if (value === undefined || value === null) return undefined;
  const name = `${field} of sample ${sampleIndex}`;
  const labels = typeof value === 'number' ? Float64Array.of(value) : toVector(value, where, name);
  return checkIntegers(labels, where, name);
}

/** The `num_classes` of a sample's meta information, or `null`. */
export function readNumClasses(sample: ClassificationSample): number | null {
  const value = fieldOf(sample, 'num_classes');
  return typeof value === 'number' ? value : null;
}

/** A field that must be there, else an error naming the metric, the field and the sample. */
export function requireField<T>(value: T | undefined, where: string, field: string, sampleIndex: number): T {
  if (value === undefined) throw new TypeError(`${where}: sample ${sampleIndex} has no ${field}`);
  return value;
}

/**
 * The class of a single-label field (`gt_label`, `pred_label`), or `undefined` when the sample
 * does not have it; a field with another number of labels than one is an error.
 */
export function readSingleLabel(
  sample: ClassificationSample,
  field: 'pred_label' | 'gt_label',
  where: string,
  sampleIndex: number,
): number | undefined {
  const labels = readLabels(sample, field, where, sampleIndex);
  if (labels === undefined) return undefined;
  if (labels.length !== 1) {
    throw new RangeError(`${where}: ${field} of sample ${sampleIndex} must hold one label, got [${Array.from(labels).join(', ')}]`);
  }
  return labels[0] as number;
}
