import { type Matrix, type MatrixInput, toMatrix, toVector } from './metric-input';
import { labelToOnehot } from './one-hot';

/** A multi-label input: scores or one-hot rows `(N, C)`, or (as indices) a list of label lists. */
export type MultiLabelInput = MatrixInput | readonly ArrayLike<number>[];

/**
 * A multi-label input as a matrix `(N, C)`: one-hot or score rows as given, or, when
 * `isIndices`, the one-hot rows of lists of class indices (then `numClasses` is required).
 */
export function toMultiLabelMatrix(
  value: unknown,
  isIndices: boolean,
  numClasses: number | undefined,
  where: string,
  argument: string,
): Matrix {
  if (!isIndices) return toMatrix(value, where, argument);
  if (numClasses === undefined) throw new TypeError(`${where}: for index-type labels, please specify numClasses`);
  if (!Array.isArray(value)) {
    throw new TypeError(`${where}: ${argument} must be a list of label lists when given as indices, got ${typeof value}`);
  }
  const data = new Float64Array(value.length * numClasses);
  value.forEach((labels: unknown, row) => {
    const indices = toVector(labels, where, `${argument}[${row}]`);
    data.set(labelToOnehot(indices, numClasses, `${where}: ${argument}[${row}]`), row * numClasses);
  });
  return { rows: value.length, cols: numClasses, data };
}
