import type { TypedArray } from '../../core/dtype';

/**
 * One row of a broadcasting binary op: `y[start + i] = op(a[offsetA + i·strideA], b[offsetB + i·strideB])`
 * for `i < length` (a stride of 0 repeats one element).
 */
export type BinaryRow = (
  a: TypedArray,
  offsetA: number,
  strideA: number,
  b: TypedArray,
  offsetB: number,
  strideB: number,
  y: TypedArray,
  start: number,
  length: number,
) => void;

/** A row loop that calls `op` per element: the path of the ops without a hand-written loop. */
export function binaryRowOf(op: (a: number, b: number) => number): BinaryRow {
  return (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
    for (let index = start, end = start + length; index < end; index++) {
      y[index] = op(a[offsetA] as number, b[offsetB] as number);
      offsetA += strideA;
      offsetB += strideB;
    }
  };
}

// Each arithmetic op has its own loops (written out, not generated from a shared closure) so that
// the engine compiles a tight loop per op for the contiguous, scalar-right, scalar-left and
// strided cases.

const addRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  const end = start + length;
  if (strideA === 1 && strideB === 1) {
    for (let index = start, shift = offsetA - start, shiftB = offsetB - start; index < end; index++) y[index] = (a[index + shift] as number) + (b[index + shiftB] as number);
  } else if (strideA === 1 && strideB === 0) {
    const scalar = b[offsetB] as number;
    for (let index = start, shift = offsetA - start; index < end; index++) y[index] = (a[index + shift] as number) + scalar;
  } else if (strideA === 0 && strideB === 1) {
    const scalar = a[offsetA] as number;
    for (let index = start, shift = offsetB - start; index < end; index++) y[index] = scalar + (b[index + shift] as number);
  } else {
    for (let index = start; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = (a[offsetA] as number) + (b[offsetB] as number);
  }
};

const subRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  const end = start + length;
  if (strideA === 1 && strideB === 1) {
    for (let index = start, shift = offsetA - start, shiftB = offsetB - start; index < end; index++) y[index] = (a[index + shift] as number) - (b[index + shiftB] as number);
  } else if (strideA === 1 && strideB === 0) {
    const scalar = b[offsetB] as number;
    for (let index = start, shift = offsetA - start; index < end; index++) y[index] = (a[index + shift] as number) - scalar;
  } else if (strideA === 0 && strideB === 1) {
    const scalar = a[offsetA] as number;
    for (let index = start, shift = offsetB - start; index < end; index++) y[index] = scalar - (b[index + shift] as number);
  } else {
    for (let index = start; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = (a[offsetA] as number) - (b[offsetB] as number);
  }
};

const mulRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  const end = start + length;
  if (strideA === 1 && strideB === 1) {
    for (let index = start, shift = offsetA - start, shiftB = offsetB - start; index < end; index++) y[index] = (a[index + shift] as number) * (b[index + shiftB] as number);
  } else if (strideA === 1 && strideB === 0) {
    const scalar = b[offsetB] as number;
    for (let index = start, shift = offsetA - start; index < end; index++) y[index] = (a[index + shift] as number) * scalar;
  } else if (strideA === 0 && strideB === 1) {
    const scalar = a[offsetA] as number;
    for (let index = start, shift = offsetB - start; index < end; index++) y[index] = scalar * (b[index + shift] as number);
  } else {
    for (let index = start; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = (a[offsetA] as number) * (b[offsetB] as number);
  }
};

const divRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  const end = start + length;
  if (strideA === 1 && strideB === 1) {
    for (let index = start, shift = offsetA - start, shiftB = offsetB - start; index < end; index++) y[index] = (a[index + shift] as number) / (b[index + shiftB] as number);
  } else if (strideA === 1 && strideB === 0) {
    const scalar = b[offsetB] as number;
    for (let index = start, shift = offsetA - start; index < end; index++) y[index] = (a[index + shift] as number) / scalar;
  } else if (strideA === 0 && strideB === 1) {
    const scalar = a[offsetA] as number;
    for (let index = start, shift = offsetB - start; index < end; index++) y[index] = scalar / (b[index + shift] as number);
  } else {
    for (let index = start; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = (a[offsetA] as number) / (b[offsetB] as number);
  }
};

const maximumRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  for (let index = start, end = start + length; index < end; index++, offsetA += strideA, offsetB += strideB) {
    const left = a[offsetA] as number;
    const right = b[offsetB] as number;
    y[index] = left !== left || right !== right ? Number.NaN : left > right ? left : right;
  }
};

const minimumRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  for (let index = start, end = start + length; index < end; index++, offsetA += strideA, offsetB += strideB) {
    const left = a[offsetA] as number;
    const right = b[offsetB] as number;
    y[index] = left !== left || right !== right ? Number.NaN : left < right ? left : right;
  }
};

const greaterRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  for (let index = start, end = start + length; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = (a[offsetA] as number) > (b[offsetB] as number) ? 1 : 0;
};

const equalRow: BinaryRow = (a, offsetA, strideA, b, offsetB, strideB, y, start, length) => {
  for (let index = start, end = start + length; index < end; index++, offsetA += strideA, offsetB += strideB) y[index] = a[offsetA] === b[offsetB] ? 1 : 0;
};

/** The hand-written row loops of the most used binary ops. */
export const FAST_BINARY_ROWS = {
  add: addRow,
  sub: subRow,
  mul: mulRow,
  div: divRow,
  maximum: maximumRow,
  minimum: minimumRow,
  greater: greaterRow,
  equal: equalRow,
} as const;
