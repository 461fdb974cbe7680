/**
 * One-hot rows `(N, numClasses)` of one class index per sample (`F.one_hot`); the indices must
 * already be checked to lie in `[0, numClasses)`.
 */
export function oneHotRows(labels: ArrayLike<number>, numClasses: number): Int32Array {
  const result = new Int32Array(labels.length * numClasses);
  for (let row = 0; row < labels.length; row++) result[row * numClasses + (labels[row] as number)] = 1;
  return result;
}

/**
 * The multi-hot vector of a set of class indices (MMPretrain's `label_to_onehot`): 1 at every
 * listed class, 0 elsewhere. Indices outside `[0, numClasses)` are an error.
 *
 * @example
 * labelToOnehot([0, 3], 5); // Int32Array [1, 0, 0, 1, 0]
 */
export function labelToOnehot(labels: ArrayLike<number>, numClasses: number, where = 'labelToOnehot'): Int32Array {
  const result = new Int32Array(numClasses);
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index] as number;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(`${where}: the label ${label} is outside [0, ${numClasses}) for ${numClasses} classes`);
    }
    result[label] = 1;
  }
  return result;
}
