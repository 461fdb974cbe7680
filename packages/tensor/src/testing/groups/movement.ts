import { describe, expect } from 'vitest';
import { sizeOf } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { arange, tensor, zeros } from '../../ops/creation';
import { chunk, concat, roll, split, stack } from '../../ops/join';
import { pad } from '../../ops/pad';
import { flatten, reshape, squeeze, unsqueeze } from '../../ops/reshape';
import { expand, flip, permute, slice, transpose } from '../../ops/strided';
import type { ConformanceContext } from '../conformance-context';
import { MOVEMENT_REFERENCE, casesFor } from '../fixtures';
import { hostPermute, seededArray } from '../host-reference';
import { compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';

const MOVEMENT_OPS = ['reshape', 'flatten', 'squeeze', 'unsqueeze', 'permute', 'transpose', 'expand', 'slice', 'flip', 'pad', 'concat', 'stack', 'split', 'chunk', 'roll'];

/** 0, 1, 2, ... as float32 in a shape. */
function ramp(shape: number[]): Tensor {
  return tensor(Float32Array.from({ length: sizeOf(shape) }, (_, index) => index), { shape });
}

const range = (count: number, start = 0) => Array.from({ length: count }, (_, index) => start + index);

/** Views and copies that move data: reshapes, strided views, padding, joins and splits. */
export function registerMovementTests(context: ConformanceContext): void {
  describe('movement', () => {
    registerReferenceCases(context, casesFor(MOVEMENT_REFERENCE, MOVEMENT_OPS));

    context.test('reshape infers -1, goes to and from rank 0, and rejects bad shapes', 'reshape', async () => {
      const results = await compute(() => [reshape(ramp([2, 3, 4]), [4, -1]), reshape(ramp([1]), []), reshape(tensor(7), [1, 1]), reshape(zeros([0, 3]), [3, 0])]);
      expect(results).toEqual([
        { shape: [4, 6], dtype: 'float32', values: range(24) },
        { shape: [], dtype: 'float32', values: [0] },
        { shape: [1, 1], dtype: 'float32', values: [7] },
        { shape: [3, 0], dtype: 'float32', values: [] },
      ]);
      const x = ramp([2, 3]);
      try {
        expect(() => reshape(x, [-1, -1])).toThrow(/only one dimension can be -1/);
        expect(() => reshape(x, [4, 2])).toThrow(/cannot reshape \[2, 3\]/);
        expect(() => reshape(x, [4, -1])).toThrow(/cannot infer -1/);
      } finally {
        x.dispose();
      }
    });

    context.test('flatten, squeeze and unsqueeze', ['flatten', 'squeeze', 'unsqueeze'], async () => {
      const results = await compute(() => {
        const x = ramp([2, 1, 3, 1]);
        return [flatten(x), flatten(x, 1, 2), flatten(x, -2), flatten(tensor(5)), squeeze(x), squeeze(x, 1), squeeze(x, [0, -1]), unsqueeze(x, 0), unsqueeze(x, 4), unsqueeze(x, -1), unsqueeze(tensor(5), 0)];
      });
      expect(results.map((result) => result.shape)).toEqual([[6], [2, 3, 1], [2, 1, 3], [1], [2, 3], [2, 3, 1], [2, 1, 3], [1, 2, 1, 3, 1], [2, 1, 3, 1, 1], [2, 1, 3, 1, 1], [1]]);
      const fromRamp = results.filter((_, index) => index !== 3 && index !== results.length - 1);
      for (const result of fromRamp) expect(result.values).toEqual(range(6));
      expect([results[3]?.values, results[results.length - 1]?.values]).toEqual([[5], [5]]);
    });

    context.test('permute and transpose match the host for every axis order', ['permute', 'transpose'], async () => {
      const input = seededArray([2, 3, 4, 5], 3);
      const orders = [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [0, 2, 1, 3],
        [1, 3, 0, 2],
        [-1, 0, 1, 2],
      ];
      const results = await compute(() => {
        const x = tensor(Float32Array.from(input.values), { shape: input.shape });
        return [...orders.map((order) => permute(x, order)), transpose(x), transpose(x, 0, -1)];
      });
      orders.forEach((order, index) => {
        const expected = hostPermute(input, order.map((axis) => (axis + 4) % 4));
        context.expectTensor('permute', results[index] as NonNullable<(typeof results)[number]>, expected, `permute ${JSON.stringify(order)}`);
      });
      context.expectTensor('transpose', results[orders.length] as NonNullable<(typeof results)[number]>, hostPermute(input, [0, 1, 3, 2]));
      context.expectTensor('transpose', results[orders.length + 1] as NonNullable<(typeof results)[number]>, hostPermute(input, [3, 1, 2, 0]));
      const x = ramp([2, 3]);
      try {
        expect(() => permute(x, [0, 0])).toThrow(/repeated axis/);
        expect(() => permute(x, [0])).toThrow(/does not match rank/);
      } finally {
        x.dispose();
      }
    });

    context.test('expand repeats size-1 axes, adds leading axes, keeps -1 and rejects other sizes', 'expand', async () => {
      const results = await compute(() => [expand(tensor([[1], [2]]), [2, 2, 3]), expand(tensor(4), [2, 2]), expand(tensor([[1, 2]]), [-1, 2]), expand(zeros([1, 3]), [0, 3])]);
      expect(results).toEqual([
        { shape: [2, 2, 3], dtype: 'float32', values: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2] },
        { shape: [2, 2], dtype: 'float32', values: [4, 4, 4, 4] },
        { shape: [1, 2], dtype: 'float32', values: [1, 2] },
        { shape: [0, 3], dtype: 'float32', values: [] },
      ]);
      const x = ramp([2, 3]);
      try {
        expect(() => expand(x, [4, 3])).toThrow(/cannot expand \[2, 3\]/);
        expect(() => expand(x, [3])).toThrow(/fewer dimensions/);
      } finally {
        x.dispose();
      }
    });

    context.test('slice: partial ranges, empty results, large steps; a zero step is an error', 'slice', async () => {
      const results = await compute(() => {
        const x = ramp([3, 4]);
        return [slice(x, [{ start: 1 }]), slice(x, [{ start: 2, end: 1 }, {}]), slice(x, [{}, { step: 10 }]), slice(x, [{ step: -2 }, { start: -1, step: -10 }]), slice(x, [{ start: 5, end: 9 }])];
      });
      expect(results).toEqual([
        { shape: [2, 4], dtype: 'float32', values: range(8, 4) },
        { shape: [0, 4], dtype: 'float32', values: [] },
        { shape: [3, 1], dtype: 'float32', values: [0, 4, 8] },
        { shape: [2, 1], dtype: 'float32', values: [11, 3] },
        { shape: [0, 4], dtype: 'float32', values: [] },
      ]);
      const x = ramp([3]);
      try {
        expect(() => slice(x, [{ step: 0 }])).toThrow(/invalid step 0/);
        expect(() => slice(x, [{}, {}])).toThrow(/2 ranges for a tensor of rank 1/);
      } finally {
        x.dispose();
      }
    });

    context.test('flip one axis, a negative axis and an empty tensor', 'flip', async () => {
      const results = await compute(() => [flip(ramp([2, 3]), 0), flip(ramp([2, 3]), -1), flip(zeros([0, 2]), [0, 1])]);
      expect(results).toEqual([
        { shape: [2, 3], dtype: 'float32', values: [3, 4, 5, 0, 1, 2] },
        { shape: [2, 3], dtype: 'float32', values: [2, 1, 0, 5, 4, 3] },
        { shape: [0, 2], dtype: 'float32', values: [] },
      ]);
    });

    context.test('pad: constant value, no padding, replicate of a size-1 axis, int32; invalid padding is an error', 'pad', async () => {
      const results = await compute(() => [
        pad(tensor([[1, 2]]), [1, 0, 0, 1], 'constant', -1),
        pad(ramp([2, 2]), [0, 0]),
        pad(tensor([[1, 2]]), [0, 0, 2, 1], 'replicate'),
        pad(tensor(Int32Array.from([5, 6, 7])), [2, 1], 'reflect'),
      ]);
      expect(results).toEqual([
        { shape: [2, 3], dtype: 'float32', values: [-1, 1, 2, -1, -1, -1] },
        { shape: [2, 2], dtype: 'float32', values: [0, 1, 2, 3] },
        { shape: [4, 2], dtype: 'float32', values: [1, 2, 1, 2, 1, 2, 1, 2] },
        { shape: [6], dtype: 'int32', values: [7, 6, 5, 6, 7, 6] },
      ]);
      const x = ramp([2, 3]);
      try {
        expect(() => pad(x, [3, 0], 'reflect')).toThrow(/must be smaller than the axis size 3/);
        expect(() => pad(x, [1])).toThrow(/pairs/);
        expect(() => pad(x, [1, 1, 1, 1, 1, 1])).toThrow(/pairs/);
      } finally {
        x.dispose();
      }
    });

    context.test('concat and stack: dtype promotion, negative axes, one tensor; mismatched shapes are errors', ['concat', 'stack'], async () => {
      const results = await compute(() => {
        const a = tensor([[1, 2]]);
        const b = tensor(Int32Array.from([3, 4, 5, 6]), { shape: [2, 2] });
        return [concat([a, b]), concat([a, a], -1), concat([a]), stack([a, a]), stack([a, a], -1), stack([tensor(1), tensor(2)])];
      });
      expect(results).toEqual([
        { shape: [3, 2], dtype: 'float32', values: [1, 2, 3, 4, 5, 6] },
        { shape: [1, 4], dtype: 'float32', values: [1, 2, 1, 2] },
        { shape: [1, 2], dtype: 'float32', values: [1, 2] },
        { shape: [2, 1, 2], dtype: 'float32', values: [1, 2, 1, 2] },
        { shape: [1, 2, 2], dtype: 'float32', values: [1, 1, 2, 2] },
        { shape: [2], dtype: 'float32', values: [1, 2] },
      ]);
      const a = ramp([2, 3]);
      const b = ramp([3, 2]);
      try {
        expect(() => concat([a, b], 1)).toThrow(/tensor 1 has shape \[3, 2\]/);
        expect(() => stack([a, b])).toThrow(/tensor 1 has shape \[3, 2\]/);
        expect(() => concat([])).toThrow(/no tensors/);
      } finally {
        a.dispose();
        b.dispose();
      }
    });

    context.test('split, chunk and roll: uneven pieces, shifts past the length and empty axes', ['split', 'chunk', 'roll'], async () => {
      const pieces = await compute(() => [...split(arange(5), 2), ...split(arange(5), [1, 4]), ...chunk(arange(5), 2), ...chunk(arange(2), 3)]);
      expect(pieces.map((piece) => piece.values)).toEqual([[0, 1], [2, 3], [4], [0], [1, 2, 3, 4], [0, 1, 2], [3, 4], [0], [1]]);
      const rolled = await compute(() => [roll(arange(5), 0, 0), roll(arange(5), -2, 0), roll(arange(5), 12, 0), roll(zeros([0, 2]), 3, 0), roll(ramp([2, 2]), 1, 1)]);
      expect(rolled.map((result) => result.values)).toEqual([[0, 1, 2, 3, 4], [2, 3, 4, 0, 1], [3, 4, 0, 1, 2], [], [1, 0, 3, 2]]);
      const x = arange(5);
      try {
        expect(() => split(x, [2, 2])).toThrow(/add up to 4, not 5/);
      } finally {
        x.dispose();
      }
    });

    const x = seededArray([2, 3, 4], 71);
    const one = (title: string, op: string, forward: (value: Tensor) => Tensor | readonly Tensor[], input = x) =>
      context.gradientTest(title, op, { inputs: [{ shape: input.shape, values: input.values }], forward });
    one('reshape: gradient', 'reshape', (value) => reshape(value, [4, -1]));
    one('flatten: gradient', 'flatten', (value) => flatten(value, 1));
    one('squeeze and unsqueeze: gradient', 'squeeze', (value) => squeeze(unsqueeze(value, 1), 1));
    one('permute: gradient', 'permute', (value) => permute(value, [2, 0, 1]));
    one('transpose: gradient', 'transpose', (value) => transpose(value, 0, 1));
    one('expand: gradient sums over repeated and new axes', 'expand', (value) => expand(value, [2, 2, 3, 4]), seededArray([2, 1, 4], 72));
    one('slice: gradient with positive steps', 'slice', (value) => slice(value, [{ start: 1 }, { step: 2 }, { start: -3, end: -1 }]));
    one('slice: gradient with negative steps', 'slice', (value) => slice(value, [{ step: -1 }, { start: 2, end: 0, step: -1 }, { step: -3 }]));
    one('flip: gradient', 'flip', (value) => flip(value, [0, 2]));
    for (const mode of ['constant', 'reflect', 'replicate'] as const) {
      one(`pad ${mode}: gradient`, 'pad', (value) => pad(value, [2, 1, 1, 2], mode, 0.5));
    }
    context.gradientTest('concat: gradient of each piece', 'concat', {
      inputs: [
        { shape: [2, 1, 3], values: seededArray([2, 1, 3], 73).values },
        { shape: [2, 2, 3], values: seededArray([2, 2, 3], 74).values },
      ],
      forward: (a, b) => concat([a as Tensor, b as Tensor], 1),
    });
    context.gradientTest('stack: gradient of each piece', 'stack', {
      inputs: [
        { shape: [2, 3], values: seededArray([2, 3], 75).values },
        { shape: [2, 3], values: seededArray([2, 3], 76).values },
      ],
      forward: (a, b) => stack([a as Tensor, b as Tensor], 1),
    });
    one('split: gradient through every piece', 'split', (value) => split(value, [1, 3], 2));
    one('chunk: gradient through every piece', 'chunk', (value) => chunk(value, 2, 1));
    one('roll: gradient', 'roll', (value) => roll(value, -3, 2));
  });
}
