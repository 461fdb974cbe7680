import { describe, expect } from 'vitest';
import { arange, empty, eye, full, fullLike, linspace, ones, onesLike, tensor, zeros, zerosLike } from '../../ops/creation';
import type { ConformanceContext } from '../conformance-context';
import { compute, computeOne } from '../host-tensor';

/** Tensors from host data and the filled, ranged and identity constructors. */
export function registerCreationTests(context: ConformanceContext): void {
  describe('creation', () => {
    context.test('tensor: nested arrays give float32 with the inferred shape', 'tensor', async () => {
      const x = await computeOne(() => tensor([[1, 2, 3], [4, 5.5, -6]]));
      expect(x).toEqual({ shape: [2, 3], dtype: 'float32', values: [1, 2, 3, 4, 5.5, -6] });
    });

    context.test('tensor: a number gives a rank-0 tensor', 'tensor', async () => {
      expect(await computeOne(() => tensor(3.5))).toEqual({ shape: [], dtype: 'float32', values: [3.5] });
    });

    context.test('tensor: booleans give bool', 'tensor', async () => {
      expect(await computeOne(() => tensor([[true, false], [false, true]]))).toEqual({ shape: [2, 2], dtype: 'bool', values: [1, 0, 0, 1] });
    });

    context.test('tensor: typed arrays keep their dtype and take a shape', 'tensor', async () => {
      const [int, bool, float] = await compute(() => [
        tensor(Int32Array.from([1, 2, 3, 4, 5, 6]), { shape: [2, 3] }),
        tensor(Uint8Array.from([1, 0, 1])),
        tensor(Float32Array.from([0.5, 1.5, 2.5]), { shape: [3, 1] }),
      ]);
      expect(int).toEqual({ shape: [2, 3], dtype: 'int32', values: [1, 2, 3, 4, 5, 6] });
      expect(bool).toEqual({ shape: [3], dtype: 'bool', values: [1, 0, 1] });
      expect(float).toEqual({ shape: [3, 1], dtype: 'float32', values: [0.5, 1.5, 2.5] });
    });

    context.test('tensor: a dtype option converts (int32 truncates toward zero, bool is non-zero)', 'tensor', async () => {
      const [int, bool] = await compute(() => [tensor([1.7, -1.7, 0.2, -0.9], { dtype: 'int32' }), tensor([2, 0, -1], { dtype: 'bool' })]);
      expect(int?.values).toEqual([1, -1, 0, 0]);
      expect(bool).toEqual({ shape: [3], dtype: 'bool', values: [1, 0, 1] });
    });

    context.test('tensor: empty arrays and size-0 shapes', 'tensor', async () => {
      const [flat, shaped] = await compute(() => [tensor([]), tensor(new Float32Array(0), { shape: [2, 0, 3] })]);
      expect(flat).toEqual({ shape: [0], dtype: 'float32', values: [] });
      expect(shaped).toEqual({ shape: [2, 0, 3], dtype: 'float32', values: [] });
    });

    context.test('tensor: ragged arrays and values that do not fit the shape are errors', 'tensor', () => {
      expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
      expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(/do not fit/);
      expect(() => zeros([2, -1])).toThrow(/invalid shape/);
    });

    context.test('zeros, ones and full in every dtype, rank 0 and size 0', ['zeros', 'ones', 'full'], async () => {
      const results = await compute(() => [
        zeros([2, 3]),
        ones([2], { dtype: 'int32' }),
        full([2, 2], 7.5),
        full([3], 1, { dtype: 'bool' }),
        full([], -2),
        zeros([0, 4]),
        full([2], -3, { dtype: 'int32' }),
      ]);
      expect(results).toEqual([
        { shape: [2, 3], dtype: 'float32', values: [0, 0, 0, 0, 0, 0] },
        { shape: [2], dtype: 'int32', values: [1, 1] },
        { shape: [2, 2], dtype: 'float32', values: [7.5, 7.5, 7.5, 7.5] },
        { shape: [3], dtype: 'bool', values: [1, 1, 1] },
        { shape: [], dtype: 'float32', values: [-2] },
        { shape: [0, 4], dtype: 'float32', values: [] },
        { shape: [2], dtype: 'int32', values: [-3, -3] },
      ]);
    });

    context.test('fullLike, zerosLike and onesLike keep shape and dtype', ['full', 'zeros', 'ones'], async () => {
      const results = await compute(() => {
        const like = tensor(Int32Array.from([1, 2, 3, 4]), { shape: [2, 2] });
        return [fullLike(like, 3), zerosLike(like), onesLike(like, { dtype: 'float32' })];
      });
      expect(results).toEqual([
        { shape: [2, 2], dtype: 'int32', values: [3, 3, 3, 3] },
        { shape: [2, 2], dtype: 'int32', values: [0, 0, 0, 0] },
        { shape: [2, 2], dtype: 'float32', values: [1, 1, 1, 1] },
      ]);
    });

    context.test('empty has the shape and dtype asked for', 'empty', () => {
      const x = empty([2, 3], { dtype: 'int32' });
      expect([x.shape, x.dtype, x.size]).toEqual([[2, 3], 'int32', 6]);
      x.dispose();
    });

    context.test('arange: integer and fractional steps, descending and empty ranges', 'arange', async () => {
      const results = await compute(() => [
        arange(5),
        arange(2, 8, 3),
        arange(1, 2, 0.25),
        arange(5, 0, -2),
        arange(0),
        arange(3, undefined, 1, { dtype: 'float32' }),
      ]);
      expect(results).toEqual([
        { shape: [5], dtype: 'int32', values: [0, 1, 2, 3, 4] },
        { shape: [2], dtype: 'int32', values: [2, 5] },
        { shape: [4], dtype: 'float32', values: [1, 1.25, 1.5, 1.75] },
        { shape: [3], dtype: 'int32', values: [5, 3, 1] },
        { shape: [0], dtype: 'int32', values: [] },
        { shape: [3], dtype: 'float32', values: [0, 1, 2] },
      ]);
      expect(() => arange(0, 1, 0)).toThrow(/step/);
    });

    context.test('eye: square, rectangular and int32', 'eye', async () => {
      const results = await compute(() => [eye(3), eye(2, 3), eye(2, 2, { dtype: 'int32' })]);
      expect(results).toEqual([
        { shape: [3, 3], dtype: 'float32', values: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { shape: [2, 3], dtype: 'float32', values: [1, 0, 0, 0, 1, 0] },
        { shape: [2, 2], dtype: 'int32', values: [1, 0, 0, 1] },
      ]);
    });

    context.test('linspace includes both ends', 'linspace', async () => {
      const results = await compute(() => [linspace(0, 1, 5), linspace(1, -1, 3), linspace(2, 2, 1), linspace(0, 1, 0)]);
      expect(results).toEqual([
        { shape: [5], dtype: 'float32', values: [0, 0.25, 0.5, 0.75, 1] },
        { shape: [3], dtype: 'float32', values: [1, 0, -1] },
        { shape: [1], dtype: 'float32', values: [2] },
        { shape: [0], dtype: 'float32', values: [] },
      ]);
    });

    context.test('requiresGrad makes a leaf that records gradients', 'tensor', () => {
      const x = tensor([1, 2], { requiresGrad: true });
      const y = zeros([2], { requiresGrad: true });
      expect([x.requiresGrad, x.isLeaf, x.grad, y.requiresGrad]).toEqual([true, true, null, true]);
      x.dispose();
      y.dispose();
    });
  });
}
