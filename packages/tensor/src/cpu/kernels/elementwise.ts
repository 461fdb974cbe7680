import type { BinaryKernel, ComparisonKernel, LogicalKernel, UnaryKernel } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';
import { broadcastStrides, forEachBroadcastRow } from './broadcast-loop';
import { erf, roundHalfToEven } from './scalar-math';

const UNARY: Record<UnaryKernel, (x: number) => number> = {
  neg: (x) => -x,
  abs: Math.abs,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfToEven,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  tanh: Math.tanh,
  relu: (x) => (x > 0 ? x : x === 0 || x < 0 ? 0 : x),
  erf,
  sin: Math.sin,
  cos: Math.cos,
};

/** The CPU kernel of a unary op. */
export function unaryKernel(name: UnaryKernel): CpuKernel<Record<string, never>> {
  const fn = UNARY[name];
  return ([input], [output]) => {
    const x = input!.data;
    const y = output!.data;
    for (let index = 0; index < y.length; index++) y[index] = fn(x[index] as number);
  };
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

/** The CPU kernel of a broadcasting binary op (arithmetic, comparison or logical). */
export function binaryKernel(name: BinaryKernel | ComparisonKernel | LogicalKernel): CpuKernel<Record<string, never>> {
  const fn = BINARY[name];
  return ([left, right], [output]) => {
    const a = left!.data;
    const b = right!.data;
    const y = output!.data;
    if (left!.size === y.length && right!.size === y.length) {
      for (let index = 0; index < y.length; index++) y[index] = fn(a[index] as number, b[index] as number);
      return;
    }
    if (right!.size === 1 && left!.size === y.length) {
      const scalar = b[0] as number;
      for (let index = 0; index < y.length; index++) y[index] = fn(a[index] as number, scalar);
      return;
    }
    if (left!.size === 1 && right!.size === y.length) {
      const scalar = a[0] as number;
      for (let index = 0; index < y.length; index++) y[index] = fn(scalar, b[index] as number);
      return;
    }
    const strides = [broadcastStrides(left!.shape, output!.shape), broadcastStrides(right!.shape, output!.shape)];
    forEachBroadcastRow(output!.shape, strides, (start, offsets, inner, length) => {
      let offsetA = offsets[0] as number;
      let offsetB = offsets[1] as number;
      const strideA = inner[0] as number;
      const strideB = inner[1] as number;
      for (let index = 0; index < length; index++) {
        y[start + index] = fn(a[offsetA] as number, b[offsetB] as number);
        offsetA += strideA;
        offsetB += strideB;
      }
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
  forEachBroadcastRow(output!.shape, strides, (start, offsets, inner, length) => {
    let offsetC = offsets[0] as number;
    let offsetA = offsets[1] as number;
    let offsetB = offsets[2] as number;
    for (let index = 0; index < length; index++) {
      y[start + index] = c[offsetC] ? (a[offsetA] as number) : (b[offsetB] as number);
      offsetC += inner[0] as number;
      offsetA += inner[1] as number;
      offsetB += inner[2] as number;
    }
  });
};

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
