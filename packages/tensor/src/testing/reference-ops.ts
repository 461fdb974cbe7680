import { UNARY_KERNELS } from '../core/kernel-contracts';
import type { Tensor } from '../core/tensor';
import { add, atan2, div, maximum, minimum, mul, pow, sub } from '../ops/arithmetic';
import { cast } from '../ops/cast';
import { where } from '../ops/compare';
import { gather, indexSelect, oneHot, repeat, scatterAdd, tile, topk } from '../ops/indexing';
import { chunk, concat, roll, split, stack } from '../ops/join';
import { linear, matmul } from '../ops/matmul';
import { type PadMode, pad } from '../ops/pad';
import { type Axes, argmax, argmin, cumsum, logsumexp, max, mean, min, norm, prod, std, sum, variance } from '../ops/reduce';
import { flatten, reshape, squeeze, unsqueeze } from '../ops/reshape';
import { type SliceRange, expand, flip, permute, slice, transpose } from '../ops/strided';
import * as unary from '../ops/unary';
import type { DType } from '../core/dtype';

/** The attributes of a reference case, as its fixture file writes them. */
export type ReferenceAttributes = Readonly<Record<string, unknown>>;

/** Calls an op of `@mmpt/tensor` on a reference case's inputs with its attributes. */
export type ReferenceOp = (inputs: readonly Tensor[], attributes: ReferenceAttributes) => Tensor | readonly Tensor[];

function input(inputs: readonly Tensor[], index: number): Tensor {
  const value = inputs[index];
  if (!value) throw new Error(`reference case: input ${index} is missing`);
  return value;
}

function numberOf(attributes: ReferenceAttributes, name: string, fallback?: number): number {
  const value = attributes[name];
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (typeof value === 'number') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`reference case: attribute ${name} is missing`);
}

function optionalNumber(attributes: ReferenceAttributes, name: string): number | undefined {
  return attributes[name] === undefined ? undefined : numberOf(attributes, name);
}

function booleanOf(attributes: ReferenceAttributes, name: string, fallback = false): boolean {
  const value = attributes[name];
  return typeof value === 'boolean' ? value : fallback;
}

function numbersOf(attributes: ReferenceAttributes, name: string): number[] {
  const value = attributes[name];
  if (!Array.isArray(value)) throw new Error(`reference case: attribute ${name} is not a list`);
  return value as number[];
}

function axesOf(attributes: ReferenceAttributes): Axes {
  return attributes.axes as Axes;
}

const unaryOps: Record<string, ReferenceOp> = Object.fromEntries(
  UNARY_KERNELS.map((name) => [name, (inputs: readonly Tensor[]) => (unary[name] as (x: Tensor) => Tensor)(input(inputs, 0))]),
);

function binaryOp(fn: (a: Tensor, b: Tensor) => Tensor): ReferenceOp {
  return (inputs) => fn(input(inputs, 0), input(inputs, 1));
}

/**
 * Every core op a reference case can name, keyed as the fixture's `op`. Network ops add theirs
 * through {@link ReferenceOpTable} arguments of the runner.
 */
export const CORE_REFERENCE_OPS: Readonly<Record<string, ReferenceOp>> = {
  ...unaryOps,
  clamp: (inputs, attributes) => unary.clamp(input(inputs, 0), optionalNumber(attributes, 'min'), optionalNumber(attributes, 'max')),
  add: binaryOp(add),
  sub: binaryOp(sub),
  mul: binaryOp(mul),
  div: binaryOp(div),
  pow: binaryOp(pow),
  maximum: binaryOp(maximum),
  minimum: binaryOp(minimum),
  atan2: binaryOp(atan2),
  where: (inputs) => where(input(inputs, 0), input(inputs, 1), input(inputs, 2)),
  cast: (inputs, attributes) => cast(input(inputs, 0), attributes.dtype as DType),
  sum: (inputs, attributes) => sum(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  mean: (inputs, attributes) => mean(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  prod: (inputs, attributes) => prod(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  max: (inputs, attributes) => max(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  min: (inputs, attributes) => min(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  argmax: (inputs, attributes) => argmax(input(inputs, 0), optionalNumber(attributes, 'axis'), booleanOf(attributes, 'keepdim')),
  argmin: (inputs, attributes) => argmin(input(inputs, 0), optionalNumber(attributes, 'axis'), booleanOf(attributes, 'keepdim')),
  variance: (inputs, attributes) =>
    variance(input(inputs, 0), axesOf(attributes), { unbiased: booleanOf(attributes, 'unbiased', true), keepdim: booleanOf(attributes, 'keepdim') }),
  std: (inputs, attributes) =>
    std(input(inputs, 0), axesOf(attributes), { unbiased: booleanOf(attributes, 'unbiased', true), keepdim: booleanOf(attributes, 'keepdim') }),
  logsumexp: (inputs, attributes) => logsumexp(input(inputs, 0), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  norm: (inputs, attributes) => norm(input(inputs, 0), numberOf(attributes, 'p', 2), axesOf(attributes), booleanOf(attributes, 'keepdim')),
  cumsum: (inputs, attributes) => cumsum(input(inputs, 0), numberOf(attributes, 'axis'), booleanOf(attributes, 'reverse')),
  reshape: (inputs, attributes) => reshape(input(inputs, 0), numbersOf(attributes, 'shape')),
  flatten: (inputs, attributes) => flatten(input(inputs, 0), numberOf(attributes, 'startAxis', 0), numberOf(attributes, 'endAxis', -1)),
  squeeze: (inputs, attributes) => squeeze(input(inputs, 0), attributes.axes as number | number[] | undefined),
  unsqueeze: (inputs, attributes) => unsqueeze(input(inputs, 0), numberOf(attributes, 'axis')),
  permute: (inputs, attributes) => permute(input(inputs, 0), numbersOf(attributes, 'order')),
  transpose: (inputs, attributes) => transpose(input(inputs, 0), numberOf(attributes, 'axisA', -2), numberOf(attributes, 'axisB', -1)),
  expand: (inputs, attributes) => expand(input(inputs, 0), numbersOf(attributes, 'shape')),
  slice: (inputs, attributes) => slice(input(inputs, 0), attributes.ranges as SliceRange[]),
  flip: (inputs, attributes) => flip(input(inputs, 0), attributes.axes as number | number[]),
  pad: (inputs, attributes) =>
    pad(input(inputs, 0), numbersOf(attributes, 'padding'), (attributes.mode as PadMode | undefined) ?? 'constant', numberOf(attributes, 'value', 0)),
  concat: (inputs, attributes) => concat(inputs, numberOf(attributes, 'axis', 0)),
  stack: (inputs, attributes) => stack(inputs, numberOf(attributes, 'axis', 0)),
  split: (inputs, attributes) => split(input(inputs, 0), attributes.sizes as number | number[], numberOf(attributes, 'axis', 0)),
  chunk: (inputs, attributes) => chunk(input(inputs, 0), numberOf(attributes, 'chunks'), numberOf(attributes, 'axis', 0)),
  roll: (inputs, attributes) => roll(input(inputs, 0), numberOf(attributes, 'shift'), numberOf(attributes, 'axis')),
  gather: (inputs, attributes) => gather(input(inputs, 0), numberOf(attributes, 'axis'), input(inputs, 1)),
  scatterAdd: (inputs, attributes) => scatterAdd(input(inputs, 0), numberOf(attributes, 'axis'), input(inputs, 1), input(inputs, 2)),
  indexSelect: (inputs, attributes) => indexSelect(input(inputs, 0), numberOf(attributes, 'axis'), input(inputs, 1)),
  oneHot: (inputs, attributes) => oneHot(input(inputs, 0), numberOf(attributes, 'numClasses')),
  topk: (inputs, attributes) => {
    const result = topk(input(inputs, 0), numberOf(attributes, 'k'), booleanOf(attributes, 'largest', true));
    return [result.values, result.indices];
  },
  repeat: (inputs, attributes) => repeat(input(inputs, 0), numbersOf(attributes, 'repeats')),
  tile: (inputs, attributes) => tile(input(inputs, 0), numbersOf(attributes, 'repeats')),
  matmul: (inputs, attributes) =>
    matmul(input(inputs, 0), input(inputs, 1), booleanOf(attributes, 'transposeA'), booleanOf(attributes, 'transposeB')),
  linear: (inputs) => linear(input(inputs, 0), input(inputs, 1), inputs[2]),
};

/** A table of ops for reference cases, keyed by the fixture's `op`. */
export type ReferenceOpTable = Readonly<Record<string, ReferenceOp>>;
