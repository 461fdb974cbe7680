import { recordOp } from '../autograd/record-op';
import { isFloating } from '../core/dtype';
import type { ReduceAttributes, ReduceKernel } from '../core/kernel-contracts';
import { normalizeAxes, normalizeAxis, sizeOf } from '../core/shape';
import { runKernel1 } from '../core/run-kernel';
import type { Tensor } from '../core/tensor';
import { noGrad } from '../core/engine';
import { add, div, mul, pow, sub } from './arithmetic';
import { cast } from './cast';
import { equal, where } from './compare';
import { disposeAll } from './operand';
import { reshape } from './reshape';
import { expand } from './strided';
import { abs, exp, log, sqrt, square } from './unary';

/** Axes to reduce: one, several, or all when omitted. */
export type Axes = number | readonly number[] | undefined;

interface ReduceView {
  /** The reductions to run in turn, each over one run of adjacent axes (the last run first). */
  stages: ReduceStage[];
  shape: number[];
  keptShape: number[];
}

interface ReduceStage {
  attributes: ReduceAttributes;
  /** The shape after this stage, reduced axes kept with size 1. */
  shape: number[];
}

/** Splits sorted axes into runs of adjacent axes. */
function adjacentRuns(list: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (const axis of list) {
    const run = runs[runs.length - 1];
    if (run && axis === (run[run.length - 1] as number) + 1) run.push(axis);
    else runs.push([axis]);
  }
  return runs;
}

/**
 * Views `x` as `[outer, reduce, inner]` for each run of adjacent axes: axes that are not adjacent
 * (the `[0, 2, 3]` of per-channel statistics of NCHW) reduce run by run, innermost first, with no
 * copy of the input.
 */
function reduceView(x: Tensor, axes: Axes, keepdim: boolean, op: string): ReduceView {
  const list = normalizeAxes(axes, x.rank, op);
  const keptShape = x.shape.map((dimension, axis) => (list.includes(axis) ? 1 : dimension));
  const shape = keepdim ? keptShape : x.shape.filter((_, axis) => !list.includes(axis));
  if (list.length === 0) {
    return { stages: [{ attributes: { outer: x.size, reduce: 1, inner: 1 }, shape: [...x.shape] }], shape, keptShape };
  }
  const stages: ReduceStage[] = [];
  let current = [...x.shape];
  for (const run of adjacentRuns(list).reverse()) {
    const first = run[0] as number;
    const last = run[run.length - 1] as number;
    const attributes = {
      outer: sizeOf(current.slice(0, first)),
      reduce: sizeOf(current.slice(first, last + 1)),
      inner: sizeOf(current.slice(last + 1)),
    };
    current = current.map((dimension, axis) => (axis >= first && axis <= last ? 1 : dimension));
    stages.push({ attributes, shape: current });
  }
  return { stages, shape, keptShape };
}

function runReduce(kernel: ReduceKernel, x: Tensor, axes: Axes, keepdim: boolean, dtype = x.dtype): { output: Tensor; view: ReduceView } {
  const view = reduceView(x, axes, keepdim, kernel);
  let current = x;
  view.stages.forEach((stage, index) => {
    const last = index === view.stages.length - 1;
    const next = runKernel1(kernel, [current], { shape: last ? view.shape : stage.shape, dtype }, stage.attributes);
    if (current !== x) current.dispose();
    current = next;
  });
  return { output: current, view };
}

/** Broadcasts a reduced gradient back over the reduced axes. */
function spread(grad: Tensor, keptShape: number[], shape: readonly number[]): Tensor {
  const kept = reshape(grad, keptShape);
  const result = expand(kept, shape);
  kept.dispose();
  return result;
}

/**
 * Sum over axes (all by default); `keepdim` keeps reduced axes with size 1. Integer and bool
 * inputs sum as int32.
 *
 * @example
 * sum(x, [2, 3], true); // per-channel sums of NCHW
 */
export function sum(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  const input = x.dtype === 'bool' ? cast(x, 'int32') : x;
  const { output, view } = runReduce('sum', input, axes, keepdim, dtype);
  if (input !== x) input.dispose();
  const shape = x.shape;
  return recordOp('sum', [x], output, (grad) => [spread(grad, view.keptShape, shape)]);
}

/** Mean over axes (all by default). */
export function mean(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  const input = isFloating(x.dtype) ? x : cast(x, 'float32');
  const total = sum(input, axes, keepdim);
  const count = x.size / Math.max(total.size, 1);
  const result = div(total, count === 0 ? Number.NaN : count);
  total.dispose();
  if (input !== x) input.dispose();
  return result;
}

/** Product over axes (all by default). */
export function prod(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  const { output, view } = runReduce('prod', x, axes, keepdim);
  const shape = x.shape;
  return recordOp(
    'prod',
    [x],
    output,
    (grad, [input, result]) => {
      // d prod / d x_i is the product of the others: prod / x_i where x_i != 0; where x_i == 0,
      // the product of the non-zero others if x_i is the only zero of its group, else 0.
      const spreadGrad = spread(grad, view.keptShape, shape);
      const spreadResult = spread(result as Tensor, view.keptShape, shape);
      const quotient = div(spreadResult, input as Tensor);
      const zeros = equal(input as Tensor, 0);
      const nonZero = where(zeros, 1, input as Tensor);
      const nonZeroProduct = prod(nonZero, axes, true);
      const zeroCount = sum(zeros, axes, true);
      const single = equal(zeroCount, 1);
      const atZero = where(single, nonZeroProduct, 0);
      const local = where(zeros, atZero, quotient);
      const value = mul(spreadGrad, local);
      disposeAll([spreadGrad, spreadResult, quotient, zeros, nonZero, nonZeroProduct, zeroCount, single, atZero, local]);
      return [value];
    },
    [x, output],
  );
}

function extremum(kernel: 'max' | 'min', x: Tensor, axes: Axes, keepdim: boolean): Tensor {
  if (x.size === 0) throw new RangeError(`${kernel}: the tensor is empty`);
  const { output, view } = runReduce(kernel, x, axes, keepdim);
  const shape = x.shape;
  return recordOp(
    kernel,
    [x],
    output,
    (grad, [input, result]) => {
      // The gradient is shared evenly among the positions that attain the extremum.
      const spreadResult = spread(result as Tensor, view.keptShape, shape);
      const hits = equal(input as Tensor, spreadResult);
      const mask = cast(hits, grad.dtype);
      const counts = sum(mask, axes, true);
      const keptGrad = reshape(grad, view.keptShape);
      const share = div(keptGrad, counts);
      const spreadShare = expand(share, shape);
      const value = mul(spreadShare, mask);
      disposeAll([spreadResult, hits, mask, counts, keptGrad, share, spreadShare]);
      return [value];
    },
    [x, output],
  );
}

/** Maximum over axes (all by default); ties share the gradient evenly, as `torch.amax`. */
export function max(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  return extremum('max', x, axes, keepdim);
}

/** Minimum over axes (all by default); ties share the gradient evenly, as `torch.amin`. */
export function min(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  return extremum('min', x, axes, keepdim);
}

/** Index of the maximum along an axis (of the flattened tensor when omitted), as int32. */
export function argmax(x: Tensor, axis?: number, keepdim = false): Tensor {
  return argExtremum('argmax', x, axis, keepdim);
}

/** Index of the minimum along an axis (of the flattened tensor when omitted), as int32. */
export function argmin(x: Tensor, axis?: number, keepdim = false): Tensor {
  return argExtremum('argmin', x, axis, keepdim);
}

function argExtremum(kernel: 'argmax' | 'argmin', x: Tensor, axis: number | undefined, keepdim: boolean): Tensor {
  if (x.size === 0) throw new RangeError(`${kernel}: the tensor is empty`);
  if (axis === undefined) {
    const flat = reshape(x, [x.size]);
    const { output } = runReduce(kernel, flat, 0, false, 'int32');
    flat.dispose();
    if (!keepdim) return output;
    const kept = reshape(output, x.shape.map(() => 1));
    output.dispose();
    return kept;
  }
  return runReduce(kernel, x, normalizeAxis(axis, x.rank, kernel), keepdim, 'int32').output;
}

/** The options of {@link variance} and {@link std}. */
export interface VarianceOptions {
  /** Divide by n - 1 (Bessel's correction), as PyTorch's default. */
  unbiased?: boolean;
  keepdim?: boolean;
}

/** Variance over axes (all by default), unbiased unless told otherwise. */
export function variance(x: Tensor, axes?: Axes, options: VarianceOptions = {}): Tensor {
  const keepdim = options.keepdim ?? false;
  const average = mean(x, axes, true);
  const centered = sub(x, average);
  const squares = square(centered);
  const total = sum(squares, axes, keepdim);
  const count = x.size / Math.max(total.size, 1);
  const result = div(total, Math.max((options.unbiased ?? true) ? count - 1 : count, 0));
  disposeAll([average, centered, squares, total]);
  return result;
}

/** Standard deviation over axes (all by default), unbiased unless told otherwise. */
export function std(x: Tensor, axes?: Axes, options: VarianceOptions = {}): Tensor {
  const value = variance(x, axes, options);
  const result = sqrt(value);
  value.dispose();
  return result;
}

/** `log(sum(exp(x)))` over axes, computed stably. */
export function logsumexp(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  const peak = noGrad(() => max(x, axes, true));
  // An infinite maximum (all -inf, or a +inf) is replaced by 0 so that the shift stays finite.
  const finitePeak = noGrad(() => {
    const magnitude = abs(peak);
    const infinite = equal(magnitude, Number.POSITIVE_INFINITY);
    const value = where(infinite, 0, peak);
    disposeAll([magnitude, infinite]);
    return value;
  });
  const shifted = sub(x, finitePeak);
  const exponentials = exp(shifted);
  const total = sum(exponentials, axes, keepdim);
  const logs = log(total);
  const offset = keepdim ? finitePeak : reshape(finitePeak, logs.shape);
  const result = add(logs, offset);
  disposeAll([peak, shifted, exponentials, total, logs]);
  if (offset !== finitePeak) offset.dispose();
  finitePeak.dispose();
  return result;
}

/**
 * The p-norm over axes (all by default): `p = 2` (default), `1`, `Infinity` or any positive p.
 */
export function norm(x: Tensor, p = 2, axes?: Axes, keepdim = false): Tensor {
  if (p === Number.POSITIVE_INFINITY) {
    const magnitudes = abs(x);
    const result = max(magnitudes, axes, keepdim);
    magnitudes.dispose();
    return result;
  }
  if (p === 1) {
    const magnitudes = abs(x);
    const result = sum(magnitudes, axes, keepdim);
    magnitudes.dispose();
    return result;
  }
  if (p === 2) {
    const squares = square(x);
    const total = sum(squares, axes, keepdim);
    const result = rootOfTotal(total, (safe) => sqrt(safe));
    disposeAll([squares, total]);
    return result;
  }
  if (!(p > 0)) throw new RangeError(`norm: p must be positive, got ${p}`);
  const magnitudes = abs(x);
  const powers = pow(magnitudes, p);
  const total = sum(powers, axes, keepdim);
  const result = rootOfTotal(total, (safe) => pow(safe, 1 / p));
  disposeAll([magnitudes, powers, total]);
  return result;
}

/**
 * `root(total)`, with a zero gradient where the total is 0 (the subgradient PyTorch uses for the
 * norm of a zero vector) instead of the NaN of `0 * root'(0)`: the root sees 1 there.
 */
function rootOfTotal(total: Tensor, root: (safe: Tensor) => Tensor): Tensor {
  const zero = equal(total, 0);
  const safe = where(zero, 1, total);
  const rooted = root(safe);
  const result = where(zero, 0, rooted);
  disposeAll([zero, safe, rooted]);
  return result;
}

/** Inclusive cumulative sum along an axis (from the end when `reverse`). */
export function cumsum(x: Tensor, axis: number, reverse = false): Tensor {
  const position = normalizeAxis(axis, x.rank, 'cumsum');
  const attributes = {
    outer: sizeOf(x.shape.slice(0, position)),
    reduce: x.shape[position] as number,
    inner: sizeOf(x.shape.slice(position + 1)),
    reverse,
  };
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  const output = runKernel1('cumsum', [x], { shape: x.shape, dtype }, attributes);
  return recordOp('cumsum', [x], output, (grad) => [cumsum(grad, position, !reverse)]);
}
