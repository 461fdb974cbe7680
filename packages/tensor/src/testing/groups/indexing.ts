import { describe, expect } from 'vitest';
import type { Tensor } from '../../core/tensor';
import { tensor } from '../../ops/creation';
import { gather, indexSelect, oneHot, repeat, scatterAdd, tile, topk } from '../../ops/indexing';
import type { ConformanceContext } from '../conformance-context';
import { MOVEMENT_REFERENCE, casesFor } from '../fixtures';
import { distinctArray, seededArray } from '../host-reference';
import { compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';

const INDEXING_OPS = ['gather', 'scatterAdd', 'indexSelect', 'oneHot', 'topk', 'repeat', 'tile'];

function ints(values: number[], shape?: number[]): Tensor {
  return tensor(Int32Array.from(values), shape ? { shape } : {});
}

/** Gathers, scatters, selections, one-hot, top-k and repetition. */
export function registerIndexingTests(context: ConformanceContext): void {
  describe('indexing', () => {
    registerReferenceCases(context, casesFor(MOVEMENT_REFERENCE, INDEXING_OPS));

    context.test('gather and scatterAdd: negative axes, int32 data, index checks', ['gather', 'scatterAdd'], async () => {
      const results = await compute(() => {
        const x = tensor([[1, 2, 3], [4, 5, 6]]);
        const index = ints([2, 2, 0, 1], [2, 2]);
        const base = tensor(Int32Array.from([0, 0, 0, 10, 10, 10]), { shape: [2, 3] });
        return [gather(x, -1, index), scatterAdd(base, -1, index, ints([1, 2, 3, 4], [2, 2])), gather(x, 0, ints([1, 0, 1], [1, 3]))];
      });
      expect(results).toEqual([
        { shape: [2, 2], dtype: 'float32', values: [3, 3, 4, 5] },
        { shape: [2, 3], dtype: 'int32', values: [0, 0, 3, 13, 14, 10] },
        { shape: [1, 3], dtype: 'float32', values: [4, 2, 6] },
      ]);
      const x = tensor([[1, 2], [3, 4]]);
      const floatIndex = tensor([[0, 1]]);
      const flatIndex = ints([0, 1]);
      try {
        expect(() => gather(x, 1, floatIndex)).toThrow(/index must be int32, got float32/);
        expect(() => gather(x, 1, flatIndex)).toThrow(/index rank 1 differs from input rank 2/);
      } finally {
        x.dispose();
        floatIndex.dispose();
        flatIndex.dispose();
      }
    });

    context.test('indexSelect with repeated and empty indices; oneHot of any rank', ['indexSelect', 'oneHot'], async () => {
      const results = await compute(() => {
        const x = tensor([[1, 2], [3, 4], [5, 6]]);
        return [indexSelect(x, 0, ints([2, 0, 2])), indexSelect(x, -1, ints([1])), indexSelect(x, 0, ints([])), oneHot(ints([0, 2]), 3), oneHot(ints([1], []), 2)];
      });
      expect(results).toEqual([
        { shape: [3, 2], dtype: 'float32', values: [5, 6, 1, 2, 5, 6] },
        { shape: [3, 1], dtype: 'float32', values: [2, 4, 6] },
        { shape: [0, 2], dtype: 'float32', values: [] },
        { shape: [2, 3], dtype: 'float32', values: [1, 0, 0, 0, 0, 1] },
        { shape: [2], dtype: 'float32', values: [0, 1] },
      ]);
    });

    context.test('topk: k = 0, k = length, 1-D, smallest, int32 values; k out of range is an error', 'topk', async () => {
      const results = await compute(() => {
        const x = tensor([[3, 1, 2], [0, 5, 4]]);
        const zero = topk(x, 0);
        const all = topk(x, 3);
        const flat = topk(tensor([0.5, -1, 2, 7]), 2, false);
        const int = topk(ints([4, 9, 1]), 1);
        return [zero.values, zero.indices, all.values, all.indices, flat.values, flat.indices, int.values, int.indices];
      });
      expect(results).toEqual([
        { shape: [2, 0], dtype: 'float32', values: [] },
        { shape: [2, 0], dtype: 'int32', values: [] },
        { shape: [2, 3], dtype: 'float32', values: [3, 2, 1, 5, 4, 0] },
        { shape: [2, 3], dtype: 'int32', values: [0, 2, 1, 1, 2, 0] },
        { shape: [2], dtype: 'float32', values: [-1, 0.5] },
        { shape: [2], dtype: 'int32', values: [1, 0] },
        { shape: [1], dtype: 'int32', values: [9] },
        { shape: [1], dtype: 'int32', values: [1] },
      ]);
      const x = tensor([1, 2]);
      try {
        expect(() => topk(x, 3)).toThrow(/k = 3 is out of range/);
      } finally {
        x.dispose();
      }
    });

    context.test('repeat and tile: extra leading repeats, fewer tile repeats, rank 0', ['repeat', 'tile'], async () => {
      const results = await compute(() => {
        const x = tensor([[1, 2]]);
        return [repeat(x, [2, 1]), repeat(x, [2, 1, 2]), repeat(tensor(3), [2]), tile(x, [2]), tile(x, [2, 1, 1])];
      });
      expect(results).toEqual([
        { shape: [2, 2], dtype: 'float32', values: [1, 2, 1, 2] },
        { shape: [2, 1, 4], dtype: 'float32', values: [1, 2, 1, 2, 1, 2, 1, 2] },
        { shape: [2], dtype: 'float32', values: [3, 3] },
        { shape: [1, 4], dtype: 'float32', values: [1, 2, 1, 2] },
        { shape: [2, 1, 2], dtype: 'float32', values: [1, 2, 1, 2] },
      ]);
      const x = tensor([[1, 2]]);
      try {
        expect(() => repeat(x, [2])).toThrow(/1 repeats for a tensor of rank 2/);
      } finally {
        x.dispose();
      }
    });

    const x = seededArray([3, 4], 81);
    context.gradientTest('gather: gradient adds up repeated indices', 'gather', {
      inputs: [
        { shape: [3, 4], values: x.values },
        { shape: [3, 3], values: [0, 3, 3, 1, 1, 1, 2, 0, 3], dtype: 'int32' },
      ],
      forward: (value, index) => gather(value as Tensor, 1, index as Tensor),
    });
    context.gradientTest('scatterAdd: gradients of the base and the source', 'scatterAdd', {
      inputs: [
        { shape: [3, 4], values: x.values },
        { shape: [2, 4], values: [0, 2, 2, 1, 0, 0, 1, 2], dtype: 'int32' },
        { shape: [2, 4], values: seededArray([2, 4], 82).values },
      ],
      forward: (base, index, source) => scatterAdd(base as Tensor, 0, index as Tensor, source as Tensor),
    });
    context.gradientTest('indexSelect: gradient with repeated indices', 'indexSelect', {
      inputs: [
        { shape: [3, 4], values: x.values },
        { shape: [4], values: [2, 0, 2, 2], dtype: 'int32' },
      ],
      forward: (value, index) => indexSelect(value as Tensor, 0, index as Tensor),
    });
    const distinct = distinctArray([2, 3, 5], 83);
    for (const largest of [true, false]) {
      context.gradientTest(`topk ${largest ? 'largest' : 'smallest'}: gradient reaches the chosen values`, 'topk', {
        inputs: [{ shape: distinct.shape, values: distinct.values }],
        forward: (value) => topk(value, 2, largest).values,
      });
    }
    context.gradientTest('repeat: gradient sums the copies', 'repeat', {
      inputs: [{ shape: [2, 3], values: seededArray([2, 3], 84).values }],
      forward: (value) => repeat(value, [2, 1, 2]),
    });
    context.gradientTest('tile: gradient sums the copies', 'tile', {
      inputs: [{ shape: [2, 3], values: seededArray([2, 3], 85).values }],
      forward: (value) => tile(value, [3]),
    });
  });
}
