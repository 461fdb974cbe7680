import type { Tensor } from '@mmpt/tensor';
import { type MatrixInput, roundToFloat32, toMatrix, toVector } from './metric-input';
import { topkIndices } from './ranking';

/** A retrieval input: scores or one-hot rows `(N, M)`, or (as indices) a list of index lists. */
export type RetrievalInput = MatrixInput | readonly (ArrayLike<number> | Tensor)[];

/**
 * The ranked predictions of every query: with `isIndices` the given index lists (cut to `topk`
 * when given), else the indices of the `topk` highest scores of every row (all of them when
 * `topk` is not given), highest first, ties to the lower index.
 */
export function formatRetrievalPred(value: unknown, topk: number | null, isIndices: boolean, where: string): number[][] {
  if (isIndices) {
    if (!Array.isArray(value)) throw new TypeError(`${where}: pred must be a list of index lists when given as indices, got ${typeof value}`);
    return value.map((item: unknown, index) => {
      const indices = Array.from(toVector(item, where, `pred[${index}]`));
      return topk === null ? indices : indices.slice(0, Math.min(topk, indices.length));
    });
  }
  const scores = toMatrix(value, where, 'pred');
  roundToFloat32(scores.data);
  const keep = topk ?? scores.cols;
  if (keep > scores.cols) {
    throw new RangeError(`${where}: topk ${keep} is larger than the number of items (${scores.cols}) of pred`);
  }
  return Array.from({ length: scores.rows }, (_, row) => topkIndices(scores.data, keep, row * scores.cols, scores.cols));
}

/**
 * The relevant items of every query: with `isIndices` the given index lists, else the indices of
 * the non-zero entries of every row.
 */
export function formatRetrievalTarget(value: unknown, isIndices: boolean, where: string): number[][] {
  if (isIndices) {
    if (!Array.isArray(value)) throw new TypeError(`${where}: target must be a list of index lists when given as indices, got ${typeof value}`);
    return value.map((item: unknown, index) => Array.from(toVector(item, where, `target[${index}]`)));
  }
  const targets = toMatrix(value, where, 'target');
  return Array.from({ length: targets.rows }, (_, row) => {
    const relevant: number[] = [];
    for (let col = 0; col < targets.cols; col++) if (targets.data[row * targets.cols + col] !== 0) relevant.push(col);
    return relevant;
  });
}

/** Checks that there are as many predictions as targets. */
export function checkSameQueries(pred: readonly unknown[], target: readonly unknown[], where: string): void {
  if (pred.length !== target.length) {
    throw new RangeError(`${where}: the length of pred (${pred.length}) and target (${target.length}) must be the same`);
  }
  if (pred.length === 0) throw new RangeError(`${where}: pred and target are empty`);
}
