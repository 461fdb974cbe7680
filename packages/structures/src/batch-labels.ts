import { type Backend, Tensor, tensor } from '@mmpt/tensor';
import type { DataSample } from './data-sample';
import { type LabelInput, formatLabel } from './format-label';

/** Where the helpers create their tensors. */
export interface BatchTensorOptions {
  /** The backend; the default backend when absent. */
  backend?: Backend;
}

/** The labels of a batch concatenated into one tensor, with the indices where each sample starts. */
export interface BatchLabels {
  /** int32 `[total]`: every sample's labels, one after the other. */
  batchLabel: Tensor;
  /** The start of every sample but the first (what `tensorSplit` takes to split them back). */
  splitIndices: number[];
}

/**
 * Concatenates the `gt_label` of a batch of samples into one int32 tensor and the split indices,
 * as MMPretrain's `cat_batch_labels`; `undefined` when the first sample has no label.
 *
 * @example
 * const { batchLabel, splitIndices } = catBatchLabels(samples)!; // [0, 1, 0, 2, 4, 3, 1], [2, 5]
 */
export function catBatchLabels(samples: readonly DataSample[], options: BatchTensorOptions = {}): BatchLabels | undefined {
  if (samples.length === 0 || samples[0]?.gtLabel === undefined) return undefined;
  const labels = samples.map((sample, index) => {
    if (!sample.gtLabel) throw new Error(`catBatchLabels: sample ${index} has no gt_label, but sample 0 has one`);
    return sample.gtLabel;
  });
  const { values, splitIndices } = concatenateLabels(labels);
  return { batchLabel: tensor(values, { shape: [values.length], dtype: 'int32', backend: options.backend }), splitIndices };
}

/**
 * Concatenates label arrays on the host and returns the start index of every array but the first.
 *
 * @example
 * concatenateLabels([[0, 1], [0, 2, 4], [3, 1]]); // values [0, 1, 0, 2, 4, 3, 1], splitIndices [2, 5]
 */
export function concatenateLabels(labels: ReadonlyArray<LabelInput>): { values: Int32Array; splitIndices: number[] } {
  const formatted = labels.map((label) => formatLabel(label, 'concatenateLabels'));
  const total = formatted.reduce((sum, label) => sum + label.length, 0);
  const values = new Int32Array(total);
  const splitIndices: number[] = [];
  let offset = 0;
  formatted.forEach((label, index) => {
    if (index > 0) splitIndices.push(offset);
    values.set(label, offset);
    offset += label.length;
  });
  return { values, splitIndices };
}

/**
 * Converts concatenated labels to one multi-hot row per sample (int32 `[batch, numClasses]`), as
 * MMPretrain's `batch_label_to_onehot`: the one-hot vectors of a sample's labels are summed, so a
 * repeated label counts twice.
 *
 * @example
 * batchLabelToOnehot(Int32Array.of(0, 1, 0, 2, 4, 3, 1), [2, 5], 5);
 * // [[1, 1, 0, 0, 0], [1, 0, 1, 0, 1], [0, 1, 0, 1, 0]]
 */
export function batchLabelToOnehot(
  batchLabel: Tensor | Int32Array | readonly number[],
  splitIndices: readonly number[],
  numClasses: number,
  options: BatchTensorOptions = {},
): Tensor {
  const values = batchLabel instanceof Tensor ? batchLabel.dataSync() : batchLabel;
  checkNumClasses(numClasses, 'batchLabelToOnehot');
  const bounds = [0, ...splitIndices, values.length];
  for (let index = 1; index < bounds.length; index++) {
    if ((bounds[index] as number) < (bounds[index - 1] as number) || (bounds[index] as number) > values.length) {
      throw new RangeError(`batchLabelToOnehot: split indices [${splitIndices.join(', ')}] do not fit ${values.length} labels`);
    }
  }
  const rows = bounds.length - 1;
  const onehot = new Int32Array(rows * numClasses);
  for (let row = 0; row < rows; row++) {
    for (let index = bounds[row] as number; index < (bounds[row + 1] as number); index++) {
      const label = values[index] as number;
      if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
        throw new RangeError(`batchLabelToOnehot: label ${label} is outside [0, ${numClasses})`);
      }
      onehot[row * numClasses + label] = (onehot[row * numClasses + label] as number) + 1;
    }
  }
  return tensor(onehot, { shape: [rows, numClasses], dtype: 'int32', backend: options.backend });
}

/**
 * The multi-hot vector of one sample's labels (int32 `[numClasses]`), as MMPretrain's
 * `label_to_onehot`.
 *
 * @example
 * labelToOnehot([1, 3], 5); // Int32Array [0, 1, 0, 1, 0]
 */
export function labelToOnehot(label: LabelInput, numClasses: number): Int32Array {
  checkNumClasses(numClasses, 'labelToOnehot');
  const onehot = new Int32Array(numClasses);
  for (const value of formatLabel(label, 'labelToOnehot')) {
    if (value < 0 || value >= numClasses) throw new RangeError(`labelToOnehot: label ${value} is outside [0, ${numClasses})`);
    onehot[value] = (onehot[value] as number) + 1;
  }
  return onehot;
}

/**
 * Stacks the `gt_score` of a batch of samples into a float32 `[batch, numClasses]` tensor, as
 * MMPretrain's `stack_batch_scores`; `undefined` when the first sample has no score.
 */
export function stackBatchScores(samples: readonly DataSample[], options: BatchTensorOptions = {}): Tensor | undefined {
  const first = samples[0]?.gtScore;
  if (!first) return undefined;
  const width = first.length;
  const values = new Float32Array(samples.length * width);
  samples.forEach((sample, index) => {
    const score = sample.gtScore;
    if (!score || score.length !== width) {
      throw new RangeError(`stackBatchScores: sample ${index} has ${score ? `${score.length} scores` : 'no gt_score'}, expected ${width}`);
    }
    values.set(score, index * width);
  });
  return tensor(values, { shape: [samples.length, width], backend: options.backend });
}

function checkNumClasses(numClasses: number, name: string): void {
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new RangeError(`${name}: numClasses must be a positive integer, got ${numClasses}`);
  }
}
