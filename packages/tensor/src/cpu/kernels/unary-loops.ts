import type { TypedArray } from '../../core/dtype';
import type { UnaryKernel } from '../../core/kernel-contracts';
import { erf, roundHalfToEven } from './scalar-math';

/** `y[i] = op(x[i])` for `i < size`. */
export type UnaryLoop = (x: TypedArray, y: TypedArray, size: number) => void;

// One loop per op, written out so that each compiles to a tight loop (a shared loop calling an op
// function per element stays a slow, polymorphic call).

/** The loop of each unary kernel. */
export const UNARY_LOOPS: Record<UnaryKernel, UnaryLoop> = {
  neg: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = -(x[index] as number);
  },
  abs: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.abs(x[index] as number);
  },
  exp: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.exp(x[index] as number);
  },
  log: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.log(x[index] as number);
  },
  log1p: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.log1p(x[index] as number);
  },
  expm1: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.expm1(x[index] as number);
  },
  sqrt: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.sqrt(x[index] as number);
  },
  rsqrt: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = 1 / Math.sqrt(x[index] as number);
  },
  square: (x, y, size) => {
    for (let index = 0; index < size; index++) {
      const value = x[index] as number;
      y[index] = value * value;
    }
  },
  reciprocal: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = 1 / (x[index] as number);
  },
  sign: (x, y, size) => {
    for (let index = 0; index < size; index++) {
      const value = x[index] as number;
      y[index] = value > 0 ? 1 : value < 0 ? -1 : value === 0 ? 0 : Number.NaN;
    }
  },
  floor: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.floor(x[index] as number);
  },
  ceil: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.ceil(x[index] as number);
  },
  round: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = roundHalfToEven(x[index] as number);
  },
  sigmoid: (x, y, size) => {
    for (let index = 0; index < size; index++) {
      const value = x[index] as number;
      y[index] = value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
    }
  },
  tanh: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.tanh(x[index] as number);
  },
  relu: (x, y, size) => {
    // The CPU backend runs float32 relu with SIMD (vector-kernels.ts); this loop serves int32 and
    // is the readable reference. NaN stays NaN (neither comparison holds for it).
    for (let index = 0; index < size; index++) {
      const value = x[index] as number;
      y[index] = value > 0 ? value : value === 0 || value < 0 ? 0 : value;
    }
  },
  erf: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = erf(x[index] as number);
  },
  sin: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.sin(x[index] as number);
  },
  cos: (x, y, size) => {
    for (let index = 0; index < size; index++) y[index] = Math.cos(x[index] as number);
  },
};
