import { describe, expect } from 'vitest';
import type { ComparisonKernel } from '../../core/kernel-contracts';
import type { Tensor } from '../../core/tensor';
import { cast } from '../../ops/cast';
import { equal, greater, greaterEqual, isNan, less, lessEqual, logicalAnd, logicalNot, logicalOr, logicalXor, notEqual, where } from '../../ops/compare';
import { tensor } from '../../ops/creation';
import type { Operand } from '../../ops/operand';
import type { ConformanceContext } from '../conformance-context';
import { hostBroadcast } from '../host-reference';
import { compute } from '../host-tensor';

const COMPARISONS: Record<ComparisonKernel, { op: (a: Operand, b: Operand) => Tensor; host: (a: number, b: number) => boolean }> = {
  equal: { op: equal, host: (a, b) => a === b },
  notEqual: { op: notEqual, host: (a, b) => a !== b },
  less: { op: less, host: (a, b) => a < b },
  lessEqual: { op: lessEqual, host: (a, b) => a <= b },
  greater: { op: greater, host: (a, b) => a > b },
  greaterEqual: { op: greaterEqual, host: (a, b) => a >= b },
};

const A = { shape: [2, 3], values: [1, 2, 3, 3, 2, 1] };
const B = { shape: [3], values: [2, 2, 2] };

/** Comparisons and logical ops (bool results), where, cast and isNan. */
export function registerComparisonTests(context: ConformanceContext): void {
  describe('comparisons, logical ops, where and cast', () => {
    for (const [name, { op, host }] of Object.entries(COMPARISONS) as Array<[ComparisonKernel, (typeof COMPARISONS)[ComparisonKernel]]>) {
      context.test(`${name}: bool result with broadcasting, numbers and mixed dtypes`, name, async () => {
        const results = await compute(() => {
          const a = tensor(A.values, { shape: A.shape });
          const b = tensor(B.values, { shape: B.shape });
          const ints = tensor(Int32Array.from(A.values), { shape: A.shape });
          return [op(a, b), op(a, 2), op(2, a), op(ints, 1.5), op(ints, b)];
        });
        const expected = [
          hostBroadcast([A, B], (a, b) => Number(host(a, b))),
          hostBroadcast([A], (a) => Number(host(a, 2))),
          hostBroadcast([A], (a) => Number(host(2, a))),
          hostBroadcast([A], (a) => Number(host(a, 1.5))),
          hostBroadcast([A, B], (a, b) => Number(host(a, b))),
        ];
        expected.forEach((values, index) => {
          expect([name, index, results[index]]).toEqual([name, index, { shape: values.shape, dtype: 'bool', values: values.values }]);
        });
      });
    }

    context.test('comparisons with NaN are false, except notEqual', [...Object.keys(COMPARISONS), 'special-values'], async () => {
      const results = await compute(() => {
        const x = tensor([Number.NaN, 1, Number.NaN]);
        const y = tensor([Number.NaN, Number.NaN, 1]);
        return Object.values(COMPARISONS).map(({ op }) => op(x, y));
      });
      expect(results.map((result) => result.values)).toEqual([
        [0, 0, 0],
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]);
    });

    context.test('logical ops: bool and non-zero numbers, with broadcasting', ['logicalAnd', 'logicalOr', 'logicalXor', 'logicalNot'], async () => {
      const results = await compute(() => {
        const p = tensor([[true, true], [false, false]]);
        const q = tensor([true, false]);
        const numbers = tensor([[0.5, 0], [-2, 0]]);
        const ints = tensor(Int32Array.from([0, 3]));
        return [logicalAnd(p, q), logicalOr(p, q), logicalXor(p, q), logicalAnd(numbers, ints), logicalOr(numbers, q), logicalNot(p), logicalNot(numbers)];
      });
      expect(results).toEqual([
        { shape: [2, 2], dtype: 'bool', values: [1, 0, 0, 0] },
        { shape: [2, 2], dtype: 'bool', values: [1, 1, 1, 0] },
        { shape: [2, 2], dtype: 'bool', values: [0, 1, 1, 0] },
        { shape: [2, 2], dtype: 'bool', values: [0, 0, 0, 0] },
        { shape: [2, 2], dtype: 'bool', values: [1, 0, 1, 0] },
        { shape: [2, 2], dtype: 'bool', values: [0, 0, 1, 1] },
        { shape: [2, 2], dtype: 'bool', values: [0, 1, 0, 1] },
      ]);
    });

    context.test('isNan marks NaN only', ['isNan', 'special-values'], async () => {
      const [result] = await compute(() => [isNan(tensor([Number.NaN, 0, Number.POSITIVE_INFINITY, -1, Number.NaN]))]);
      expect(result).toEqual({ shape: [5], dtype: 'bool', values: [1, 0, 0, 0, 1] });
    });

    context.test('where: number operands, dtype promotion, non-bool and rank-0 conditions', 'where', async () => {
      const results = await compute(() => {
        const mask = tensor([true, false, true]);
        const x = tensor([1.5, -2, 3]);
        const ints = tensor(Int32Array.from([4, 5, 6]));
        return [
          where(mask, x, 0),
          where(mask, 1, 0),
          where(mask, 0.5, -1),
          where(mask, ints, 0.5),
          where(mask, ints, -1),
          where(tensor([0, 2, -1]), x, ints),
          where(tensor(false), x, tensor([[7], [8]])),
        ];
      });
      expect(results).toEqual([
        { shape: [3], dtype: 'float32', values: [1.5, 0, 3] },
        { shape: [3], dtype: 'int32', values: [1, 0, 1] },
        { shape: [3], dtype: 'float32', values: [0.5, -1, 0.5] },
        { shape: [3], dtype: 'float32', values: [4, 0.5, 6] },
        { shape: [3], dtype: 'int32', values: [4, -1, 6] },
        { shape: [3], dtype: 'float32', values: [4, -2, 3] },
        { shape: [2, 3], dtype: 'float32', values: [7, 7, 7, 8, 8, 8] },
      ]);
    });

    context.gradientTest('where: gradients go to the chosen operand, summed over broadcasting', 'where', {
      inputs: [
        { shape: [2, 3], values: [1, 0, 1, 0, 0, 1], dtype: 'bool' },
        { shape: [2, 3], values: [-1.2, 0.4, 1.7, 0.9, -0.3, -1.8] },
        { shape: [3], values: [0.1, -0.5, 1.2] },
      ],
      forward: (condition, a, b) => where(condition as Tensor, a as Tensor, b as Tensor),
    });

    context.test('cast between float32, int32 and bool (float to int truncates toward zero)', 'cast', async () => {
      const results = await compute(() => {
        const float = tensor([-1.7, -0.2, 0, 2.9, 3]);
        const int = tensor(Int32Array.from([-2, 0, 5]));
        const bool = tensor([true, false]);
        return [cast(float, 'int32'), cast(float, 'bool'), cast(int, 'float32'), cast(int, 'bool'), cast(bool, 'float32'), cast(bool, 'int32'), cast(float, 'float32')];
      });
      expect(results).toEqual([
        { shape: [5], dtype: 'int32', values: [-1, 0, 0, 2, 3] },
        { shape: [5], dtype: 'bool', values: [1, 1, 0, 1, 1] },
        { shape: [3], dtype: 'float32', values: [-2, 0, 5] },
        { shape: [3], dtype: 'bool', values: [1, 0, 1] },
        { shape: [2], dtype: 'float32', values: [1, 0] },
        { shape: [2], dtype: 'int32', values: [1, 0] },
        { shape: [5], dtype: 'float32', values: Array.from(Float32Array.from([-1.7, -0.2, 0, 2.9, 3])) },
      ]);
    });

    context.gradientTest('cast: a float cast passes the gradient through', 'cast', {
      inputs: [{ shape: [3], values: [-1.5, 0.25, 2] }],
      forward: (x) => cast(x, 'float32'),
    });

    context.test('cast to int32 or bool and comparisons record no gradient', ['cast', 'greater'], () => {
      const x = tensor([1.5, -2], { requiresGrad: true });
      const outputs = [cast(x, 'int32'), cast(x, 'bool'), greater(x, 0)];
      try {
        for (const output of outputs) expect([output.requiresGrad, output.gradFn]).toEqual([false, null]);
      } finally {
        for (const output of outputs) output.dispose();
        x.dispose();
      }
    });
  });
}
