import { describe, expect } from 'vitest';
import type { Tensor } from '../../core/tensor';
import { tensor, zeros } from '../../ops/creation';
import { type Axes, argmax, argmin, cumsum, logsumexp, max, mean, min, norm, prod, std, sum, variance } from '../../ops/reduce';
import type { ConformanceContext } from '../conformance-context';
import { REDUCTION_REFERENCE } from '../fixtures';
import { type HostArray, distinctArray, hostCumsum, hostReduce, seededArray } from '../host-reference';
import { type HostTensor, compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';

/** Single, negative, adjacent, non-adjacent and all axes of a rank-3 tensor. */
const AXES: readonly Axes[] = [undefined, 0, 1, -1, [0, 1], [1, 2], [0, 2], [0, 1, 2]];

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

const FOLDS: Record<'sum' | 'mean' | 'prod' | 'max' | 'min', (values: number[]) => number> = {
  sum: total,
  mean: (values) => total(values) / values.length,
  prod: (values) => values.reduce((product, value) => product * value, 1),
  max: (values) => Math.max(...values),
  min: (values) => Math.min(...values),
};

const OPS: Record<keyof typeof FOLDS, (x: Tensor, axes: Axes, keepdim: boolean) => Tensor> = { sum, mean, prod, max, min };

function hostVariance(values: number[], unbiased: boolean): number {
  const average = total(values) / values.length;
  return total(values.map((value) => (value - average) ** 2)) / (values.length - (unbiased ? 1 : 0));
}

function hostLogsumexp(values: number[]): number {
  const peak = Math.max(...values);
  if (!Number.isFinite(peak)) return peak === Number.NEGATIVE_INFINITY ? peak : Math.log(total(values.map(Math.exp)));
  return peak + Math.log(total(values.map((value) => Math.exp(value - peak))));
}

function hostNorm(values: number[], p: number): number {
  if (p === Number.POSITIVE_INFINITY) return Math.max(...values.map(Math.abs));
  return total(values.map((value) => Math.abs(value) ** p)) ** (1 / p);
}

function fromHost(array: HostArray): Tensor {
  return tensor(Float32Array.from(array.values), { shape: array.shape });
}

/** Values whose absolute values are distinct and at least 0.05 away from each other and from 0. */
function distinctMagnitudes(shape: number[], seed: number): HostArray {
  const base = distinctArray(shape, seed);
  return { shape, values: base.values.map((value) => (value >= 0 ? value + 0.1 : value - 0.05)) };
}

const label = (axes: Axes, keepdim: boolean) => `axes ${JSON.stringify(axes ?? 'all')}${keepdim ? ' keepdim' : ''}`;

/** Reductions and scans: every axis layout with keepdim, dtypes, empty tensors and gradients. */
export function registerReductionTests(context: ConformanceContext): void {
  describe('reductions', () => {
    registerReferenceCases(context, REDUCTION_REFERENCE);

    for (const name of Object.keys(FOLDS) as Array<keyof typeof FOLDS>) {
      context.test(`${name}: single, multiple, non-adjacent and all axes, with keepdim`, name, async () => {
        const input = name === 'prod' ? seededArray([2, 3, 4], 21, 0.5, 1.5) : seededArray([2, 3, 4], 21);
        const configurations = AXES.flatMap((axes) => [false, true].map((keepdim) => ({ axes, keepdim })));
        const results = await compute(() => configurations.map(({ axes, keepdim }) => OPS[name](fromHost(input), axes, keepdim)));
        configurations.forEach(({ axes, keepdim }, index) => {
          const expected = hostReduce(input, axes, keepdim, FOLDS[name]);
          context.expectTensor(name, results[index] as HostTensor, { ...expected, dtype: 'float32' }, `${name} over ${label(axes, keepdim)}`);
        });
      });
    }

    context.test('argmax and argmin: each axis, the flattened tensor, keepdim, first index on ties', ['argmax', 'argmin'], async () => {
      const input = distinctArray([2, 3, 4], 5);
      const configurations: Array<{ axis: number | undefined; keepdim: boolean }> = [
        { axis: 0, keepdim: false },
        { axis: 1, keepdim: true },
        { axis: 2, keepdim: false },
        { axis: -1, keepdim: true },
        { axis: undefined, keepdim: false },
      ];
      const results = await compute(() => configurations.flatMap(({ axis, keepdim }) => [argmax(fromHost(input), axis, keepdim), argmin(fromHost(input), axis, keepdim)]));
      configurations.forEach(({ axis, keepdim }, index) => {
        for (const [offset, pick] of [Math.max, Math.min].entries()) {
          const expected = hostReduce(input, axis, keepdim, (values) => values.indexOf(pick(...values)));
          expect(results[2 * index + offset]).toEqual({ shape: expected.shape, dtype: 'int32', values: expected.values });
        }
      });
      const [ties, tiesMin, keptAll] = await compute(() => {
        const x = tensor([[1, 3, 3], [2, 3, 1]]);
        return [argmax(x, 1), argmin(x, 0), argmax(x, undefined, true)];
      });
      expect(ties?.values).toEqual([1, 1]);
      expect(tiesMin?.values).toEqual([0, 0, 1]);
      expect(keptAll).toEqual({ shape: [1, 1], dtype: 'int32', values: [1] });
    });

    context.test('dtypes: int32 and bool sums are int32, means are float32, extremes keep the dtype', ['sum', 'mean', 'max', 'prod', 'cumsum'], async () => {
      const results = await compute(() => {
        const ints = tensor(Int32Array.from([1, -2, 4, 4, 5, -6]), { shape: [2, 3] });
        const bools = tensor([[true, false, true], [true, true, true]]);
        return [sum(ints, 1), sum(bools), sum(bools, 0), mean(ints, 1), max(ints, 0), min(ints), prod(ints, 1), cumsum(bools, 1)];
      });
      expect(results).toEqual([
        { shape: [2], dtype: 'int32', values: [3, 3] },
        { shape: [], dtype: 'int32', values: [5] },
        { shape: [3], dtype: 'int32', values: [2, 1, 2] },
        { shape: [2], dtype: 'float32', values: [1, 1] },
        { shape: [3], dtype: 'int32', values: [4, 5, 4] },
        { shape: [], dtype: 'int32', values: [-6] },
        { shape: [2], dtype: 'int32', values: [-8, -120] },
        { shape: [2, 3], dtype: 'int32', values: [1, 1, 2, 1, 2, 3] },
      ]);
    });

    context.test('empty and rank-0 tensors: sums of nothing are 0, products 1, extremes of nothing are errors', ['sum', 'prod', 'max'], async () => {
      const results = await compute(() => [sum(zeros([0, 3]), 0), sum(zeros([2, 0]), 1), sum(zeros([2, 0])), prod(zeros([0])), sum(tensor(3)), max(tensor(2)), mean(tensor(5), undefined, true)]);
      expect(results).toEqual([
        { shape: [3], dtype: 'float32', values: [0, 0, 0] },
        { shape: [2], dtype: 'float32', values: [0, 0] },
        { shape: [], dtype: 'float32', values: [0] },
        { shape: [], dtype: 'float32', values: [1] },
        { shape: [], dtype: 'float32', values: [3] },
        { shape: [], dtype: 'float32', values: [2] },
        { shape: [], dtype: 'float32', values: [5] },
      ]);
      const empty = zeros([0]);
      try {
        expect(() => max(empty)).toThrow(/empty/);
        expect(() => argmax(empty)).toThrow(/empty/);
      } finally {
        empty.dispose();
      }
    });

    context.test('the mean of nothing is NaN', ['mean', 'special-values'], async () => {
      const [result] = await compute(() => [mean(zeros([2, 0]), 1)]);
      expect(result?.shape).toEqual([2]);
      expect(result?.values.every(Number.isNaN)).toBe(true);
    });

    context.test('repeated or out-of-range axes are errors', 'sum', () => {
      const x = zeros([2, 3]);
      try {
        expect(() => sum(x, [1, -1])).toThrow(/repeated axis/);
        expect(() => sum(x, 2)).toThrow(/out of range/);
      } finally {
        x.dispose();
      }
    });

    context.test('variance and std: unbiased and biased, over axes with keepdim', ['variance', 'std'], async () => {
      const input = seededArray([2, 3, 4], 31);
      const configurations = [undefined, 1, [0, 2]].flatMap((axes) =>
        [true, false].flatMap((unbiased) => [false, true].map((keepdim) => ({ axes: axes as Axes, unbiased, keepdim }))),
      );
      const results = await compute(() =>
        configurations.flatMap(({ axes, unbiased, keepdim }) => [variance(fromHost(input), axes, { unbiased, keepdim }), std(fromHost(input), axes, { unbiased, keepdim })]),
      );
      configurations.forEach(({ axes, unbiased, keepdim }, index) => {
        const expected = hostReduce(input, axes, keepdim, (values) => hostVariance(values, unbiased));
        const what = `${label(axes, keepdim)}${unbiased ? ' unbiased' : ' biased'}`;
        context.expectTensor('variance', results[2 * index] as HostTensor, expected, `variance over ${what}`);
        context.expectTensor('std', results[2 * index + 1] as HostTensor, { shape: expected.shape, values: expected.values.map(Math.sqrt) }, `std over ${what}`);
      });
    });

    context.test('logsumexp: large values, -inf entries and -inf rows, all axes', ['logsumexp', 'special-values'], async () => {
      const inf = Number.NEGATIVE_INFINITY;
      const input = { shape: [3, 4], values: [1000, 1000, 999, -1000, 0.5, inf, 1.5, -1, inf, inf, inf, inf] };
      const results = await compute(() => [logsumexp(fromHost(input), 1), logsumexp(fromHost(input), 0, true), logsumexp(fromHost(input))]);
      const configurations: Array<[Axes, boolean]> = [
        [1, false],
        [0, true],
        [undefined, false],
      ];
      configurations.forEach(([axes, keepdim], index) => {
        context.expectTensor('logsumexp', results[index] as HostTensor, hostReduce(input, axes, keepdim, hostLogsumexp), `logsumexp over ${label(axes, keepdim)}`);
      });
    });

    context.test('norm: p = 1, 2, inf, 3 and 0.5 over axes with keepdim', 'norm', async () => {
      const input = seededArray([2, 3, 4], 41);
      const configurations = [1, 2, Number.POSITIVE_INFINITY, 3, 0.5].flatMap((p) =>
        ([undefined, 1, [0, 2]] as Axes[]).map((axes, index) => ({ p, axes, keepdim: index === 2 })),
      );
      const results = await compute(() => configurations.map(({ p, axes, keepdim }) => norm(fromHost(input), p, axes, keepdim)));
      configurations.forEach(({ p, axes, keepdim }, index) => {
        const expected = hostReduce(input, axes, keepdim, (values) => hostNorm(values, p));
        context.expectTensor('norm', results[index] as HostTensor, expected, `norm p=${p} over ${label(axes, keepdim)}`);
      });
    });

    context.test('cumsum: every axis, forward and reverse, int32', 'cumsum', async () => {
      const input = seededArray([2, 3, 4], 51);
      const configurations = [0, 1, 2, -1].flatMap((axis) => [false, true].map((reverse) => ({ axis, reverse })));
      const results = await compute(() => [
        ...configurations.map(({ axis, reverse }) => cumsum(fromHost(input), axis, reverse)),
        cumsum(tensor(Int32Array.from([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }), 1, true),
      ]);
      configurations.forEach(({ axis, reverse }, index) => {
        context.expectTensor('cumsum', results[index] as HostTensor, hostCumsum(input, axis, reverse), `cumsum over axis ${axis}${reverse ? ' reversed' : ''}`);
      });
      expect(results[configurations.length]).toEqual({ shape: [2, 3], dtype: 'int32', values: [6, 5, 3, 15, 11, 6] });
    });

    const x = seededArray([2, 3, 4], 61);
    const gradient = (title: string, op: string, input: HostArray, forward: (value: Tensor) => Tensor) =>
      context.gradientTest(title, op, { inputs: [{ shape: input.shape, values: input.values }], forward });
    gradient('sum: gradient over non-adjacent axes', 'sum', x, (value) => sum(value, [0, 2]));
    gradient('sum: gradient over all axes', 'sum', x, (value) => sum(value));
    gradient('sum: gradient over the last axis with keepdim', 'sum', x, (value) => sum(value, -1, true));
    gradient('mean: gradient over axes [1, 2]', 'mean', x, (value) => mean(value, [1, 2]));
    gradient('mean: gradient over all axes with keepdim', 'mean', x, (value) => mean(value, undefined, true));
    gradient('prod: gradient over axis 1', 'prod', seededArray([2, 3, 4], 62, 0.5, 1.5), (value) => prod(value, 1));
    gradient('prod: gradient over all axes', 'prod', seededArray([2, 3], 63, 0.5, 1.5), (value) => prod(value));
    const distinct = distinctArray([2, 3, 4], 64);
    for (const [name, op] of [['max', max] as const, ['min', min] as const]) {
      gradient(`${name}: gradient over axis 1`, name, distinct, (value) => op(value, 1));
      gradient(`${name}: gradient over axes [0, 2] with keepdim`, name, distinct, (value) => op(value, [0, 2], true));
      gradient(`${name}: gradient over all axes`, name, distinct, (value) => op(value));
    }
    gradient('variance: unbiased gradient over axis 1', 'variance', x, (value) => variance(value, 1));
    gradient('variance: biased gradient over all axes', 'variance', x, (value) => variance(value, undefined, { unbiased: false }));
    gradient('std: unbiased gradient over axes [0, 2]', 'std', x, (value) => std(value, [0, 2]));
    gradient('std: biased gradient over the last axis with keepdim', 'std', x, (value) => std(value, -1, { unbiased: false, keepdim: true }));
    gradient('logsumexp: gradient over axis 1', 'logsumexp', x, (value) => logsumexp(value, 1));
    gradient('logsumexp: gradient over all axes', 'logsumexp', x, (value) => logsumexp(value));
    const magnitudes = distinctMagnitudes([2, 3, 4], 65);
    for (const p of [1, 2, Number.POSITIVE_INFINITY, 3]) {
      gradient(`norm: gradient for p = ${p} over axis 1`, 'norm', magnitudes, (value) => norm(value, p, 1));
    }
    gradient('norm: gradient for p = 2 over all axes', 'norm', magnitudes, (value) => norm(value));
    gradient('cumsum: gradient over axis 1', 'cumsum', x, (value) => cumsum(value, 1));
    gradient('cumsum: gradient reversed over the last axis', 'cumsum', x, (value) => cumsum(value, -1, true));
  });
}
