import type { BinaryKernel, ComparisonKernel, LogicalKernel, UnaryKernel } from '../../core/kernel-contracts';
import type { TypedArray } from '../../core/dtype';
import type { CpuKernel } from '../cpu-tensor';
import { broadcastStrides, forEachBroadcastRow } from './broadcast-loop';
import { type BinaryRow, FAST_BINARY_ROWS, binaryRowOf } from './binary-rows';
import { UNARY_LOOPS } from './unary-loops';
import { vectorKernels } from './vector-kernels';

/** The CPU kernel of a unary op: one specialised loop per op (float32 relu runs with SIMD). */
export function unaryKernel(name: UnaryKernel): CpuKernel<Record<string, never>> {
  const loop = UNARY_LOOPS[name];
  if (name === 'relu') {
    return ([input], [output], _, context) => {
      if (input!.dtype === 'float32') vectorKernels(context.compute).relu(input!.offset, output!.offset, output!.size);
      else loop(input!.data, output!.data, output!.size);
    };
  }
  return ([input], [output]) => loop(input!.data, output!.data, output!.size);
}

const BINARY: Record<BinaryKernel | ComparisonKernel | LogicalKernel, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  maximum: (a, b) => (a !== a || b !== b ? Number.NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? Number.NaN : a < b ? a : b),
  atan2: Math.atan2,
  equal: (a, b) => (a === b ? 1 : 0),
  notEqual: (a, b) => (a !== b ? 1 : 0),
  less: (a, b) => (a < b ? 1 : 0),
  lessEqual: (a, b) => (a <= b ? 1 : 0),
  greater: (a, b) => (a > b ? 1 : 0),
  greaterEqual: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a && b ? 1 : 0),
  logicalOr: (a, b) => (a || b ? 1 : 0),
  logicalXor: (a, b) => ((a ? 1 : 0) !== (b ? 1 : 0) ? 1 : 0),
};

/**
 * The CPU kernel of a broadcasting binary op (arithmetic, comparison or logical): the axes are
 * collapsed into rows, and each row runs the op's own loop (arithmetic ops have hand-written loops
 * for contiguous and scalar-broadcast rows; a float32 add of equal shapes runs with SIMD).
 */
export function binaryKernel(name: BinaryKernel | ComparisonKernel | LogicalKernel): CpuKernel<Record<string, never>> {
  const row: BinaryRow = FAST_BINARY_ROWS[name as keyof typeof FAST_BINARY_ROWS] ?? binaryRowOf(BINARY[name]);
  const simdAdd = name === 'add';
  return ([left, right], [output], _, context) => {
    const a = left!.data;
    const b = right!.data;
    const y = output!.data;
    const size = output!.size;
    if (left!.size === size && right!.size === size) {
      if (simdAdd && output!.dtype === 'float32') vectorKernels(context.compute).add(left!.offset, right!.offset, output!.offset, size);
      else row(a, 0, 1, b, 0, 1, y, 0, size);
      return;
    }
    if (right!.size === 1 && left!.size === size) {
      row(a, 0, 1, b, 0, 0, y, 0, size);
      return;
    }
    if (left!.size === 1 && right!.size === size) {
      row(a, 0, 0, b, 0, 1, y, 0, size);
      return;
    }
    const strides = [broadcastStrides(left!.shape, output!.shape), broadcastStrides(right!.shape, output!.shape)];
    forEachBroadcastRow(output!.shape, strides, (start, offsets, inner, length) => {
      row(a, offsets[0] as number, inner[0] as number, b, offsets[1] as number, inner[1] as number, y, start, length);
    });
  };
}

/** `where(condition, a, b)` with broadcasting. */
export const whereKernel: CpuKernel<Record<string, never>> = ([condition, left, right], [output]) => {
  const c = condition!.data;
  const a = left!.data;
  const b = right!.data;
  const y = output!.data;
  const strides = [condition!, left!, right!].map((input) => broadcastStrides(input.shape, output!.shape));
  forEachBroadcastRow(output!.shape, strides, (start, offsets, inner, length) => whereRow(c, a, b, y, start, offsets, inner, length));
};

function whereRow(c: TypedArray, a: TypedArray, b: TypedArray, y: TypedArray, start: number, offsets: readonly number[], inner: readonly number[], length: number): void {
  let offsetC = offsets[0] as number;
  let offsetA = offsets[1] as number;
  let offsetB = offsets[2] as number;
  const strideC = inner[0] as number;
  const strideA = inner[1] as number;
  const strideB = inner[2] as number;
  for (let index = start, end = start + length; index < end; index++) {
    y[index] = c[offsetC] ? (a[offsetA] as number) : (b[offsetB] as number);
    offsetC += strideC;
    offsetA += strideA;
    offsetB += strideB;
  }
}

/** Converts between dtypes: to bool non-zero is true; float to int32 truncates toward zero. */
export const castKernel: CpuKernel<Record<string, never>> = ([input], [output]) => {
  const x = input!.data;
  const y = output!.data;
  if (output!.dtype === 'bool') for (let index = 0; index < y.length; index++) y[index] = x[index] !== 0 ? 1 : 0;
  else if (output!.dtype === 'int32') for (let index = 0; index < y.length; index++) y[index] = Math.trunc(x[index] as number);
  else y.set(x);
};

/** Clamps into [min, max]; NaN stays NaN. */
export const clampKernel: CpuKernel<{ min?: number; max?: number }> = ([input], [output], { min, max }) => {
  const x = input!.data;
  const y = output!.data;
  const low = min ?? Number.NEGATIVE_INFINITY;
  const high = max ?? Number.POSITIVE_INFINITY;
  for (let index = 0; index < y.length; index++) {
    const value = x[index] as number;
    y[index] = value < low ? low : value > high ? high : value;
  }
};

/** Fills the output with one value. */
export const fillKernel: CpuKernel<{ value: number }> = (_, [output], { value }) => {
  output!.data.fill(value);
};

/** Elementwise NOT of truth values. */
export const logicalNotKernel: CpuKernel<Record<string, never>> = ([input], [output]) => {
  const x = input!.data;
  const y = output!.data;
  for (let index = 0; index < y.length; index++) y[index] = x[index] ? 0 : 1;
};

/** Whether each element is NaN. */
export const isNanKernel: CpuKernel<Record<string, never>> = ([input], [output]) => {
  const x = input!.data;
  const y = output!.data;
  for (let index = 0; index < y.length; index++) y[index] = Number.isNaN(x[index]) ? 1 : 0;
};
