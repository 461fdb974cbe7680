import { describe, expect } from 'vitest';
import type { Tensor } from '../../core/tensor';
import { tensor, zeros } from '../../ops/creation';
import { linear, matmul } from '../../ops/matmul';
import { permute, transpose } from '../../ops/strided';
import type { ConformanceContext } from '../conformance-context';
import { MATMUL_REFERENCE } from '../fixtures';
import { type HostArray, hostBroadcast, hostMatmul, hostPermute, hostTranspose, seededArray } from '../host-reference';
import { type HostTensor, compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';

function fromHost(array: HostArray): Tensor {
  return tensor(Float32Array.from(array.values), { shape: array.shape });
}

/** A 1-D operand as NumPy promotes it: a row on the left, a column on the right. */
function promoted(array: HostArray, side: 'left' | 'right'): HostArray {
  if (array.shape.length !== 1) return array;
  return { shape: side === 'left' ? [1, array.shape[0] as number] : [array.shape[0] as number, 1], values: array.values };
}

/** NumPy's matmul on the host, with 1-D operands and the removal of their added axes. */
function expectedProduct(a: HostArray, b: HostArray): HostArray {
  const product = hostMatmul(promoted(a, 'left'), promoted(b, 'right'));
  let shape = [...product.shape];
  if (a.shape.length === 1) shape = shape.filter((_, axis) => axis !== shape.length - 2);
  if (b.shape.length === 1) shape = shape.slice(0, -1);
  return { shape, values: product.values };
}

/** Shape pairs: plain, 1-D operands, batched with broadcasting, and sizes that leave partial tiles. */
const SHAPES: ReadonlyArray<readonly [number[], number[]]> = [
  [[2, 3], [3, 4]],
  [[3], [3, 4]],
  [[2, 3], [3]],
  [[5], [5]],
  [[2, 3, 4], [4, 5]],
  [[4], [2, 4, 3]],
  [[2, 1, 3, 4], [5, 4, 2]],
  [[13, 35], [35, 21]],
  [[3, 9, 1], [1, 17]],
  [[1, 6], [6, 1]],
];

/** Matrix products and linear layers. */
export function registerMatmulTests(context: ConformanceContext): void {
  describe('matmul and linear', () => {
    registerReferenceCases(context, MATMUL_REFERENCE);

    context.test('matmul: 2-D, 1-D, batched with broadcasting and partial tiles match the host', 'matmul', async () => {
      const pairs = SHAPES.map(([shapeA, shapeB], index) => [seededArray(shapeA, 200 + index), seededArray(shapeB, 300 + index)] as const);
      const results = await compute(() => pairs.map(([a, b]) => matmul(fromHost(a), fromHost(b))));
      pairs.forEach(([a, b], index) => {
        context.expectTensor('matmul', results[index] as HostTensor, { ...expectedProduct(a, b), dtype: 'float32' }, `matmul of ${JSON.stringify(a.shape)} and ${JSON.stringify(b.shape)}`);
      });
    });

    context.test('matmul: transposed flags and non-contiguous (permuted) operands', 'matmul', async () => {
      const a = seededArray([2, 5, 3], 11);
      const b = seededArray([4, 5], 12);
      const c = seededArray([3, 2, 4], 13);
      const d = seededArray([5, 4], 15);
      const results = await compute(() => [
        matmul(fromHost(a), fromHost(b), true, true),
        matmul(permute(fromHost(c), [1, 0, 2]), fromHost(d), false, true),
        matmul(transpose(fromHost(a)), fromHost(seededArray([5, 2], 14))),
        matmul(fromHost(b), permute(fromHost(a), [2, 1, 0]), false, false),
      ]);
      const expected = [
        hostMatmul(hostTranspose(a), hostTranspose(b)),
        hostMatmul(hostPermute(c, [1, 0, 2]), hostTranspose(d)),
        hostMatmul(hostTranspose(a), seededArray([5, 2], 14)),
        hostMatmul(b, hostPermute(a, [2, 1, 0])),
      ];
      expected.forEach((value, index) => context.expectTensor('matmul', results[index] as HostTensor, value, `transposed or permuted product ${index}`));
    });

    context.test('matmul: k = 0 gives zeros, m = 0 gives an empty result', 'matmul', async () => {
      const results = await compute(() => [matmul(zeros([2, 0]), zeros([0, 3])), matmul(zeros([0, 4]), zeros([4, 3])), matmul(zeros([2, 3, 0]), zeros([0, 1]))]);
      expect(results).toEqual([
        { shape: [2, 3], dtype: 'float32', values: [0, 0, 0, 0, 0, 0] },
        { shape: [0, 3], dtype: 'float32', values: [] },
        { shape: [2, 3, 1], dtype: 'float32', values: [0, 0, 0, 0, 0, 0] },
      ]);
    });

    context.test('matmul: mismatched inner dimensions, rank 0, mixed and integer dtypes are errors', 'matmul', () => {
      const a = zeros([2, 3]);
      const b = zeros([4, 2]);
      const scalar = tensor(1);
      const ints = tensor(Int32Array.from([1, 2, 3]));
      try {
        expect(() => matmul(a, b)).toThrow(/inner dimensions differ/);
        expect(() => matmul(a, scalar)).toThrow(/at least one dimension/);
        expect(() => matmul(a, ints)).toThrow(/dtypes differ/);
        expect(() => matmul(ints, ints)).toThrow(/matmul: operands must be floating-point, got int32/);
      } finally {
        for (const item of [a, b, scalar, ints]) item.dispose();
      }
    });

    context.test('linear: batched input with bias, 1-D input without bias', 'linear', async () => {
      const x = seededArray([2, 3, 4], 21);
      const weight = seededArray([5, 4], 22);
      const bias = seededArray([5], 23);
      const single = seededArray([4], 24);
      const results = await compute(() => [linear(fromHost(x), fromHost(weight), fromHost(bias)), linear(fromHost(single), fromHost(weight))]);
      const withBias = hostBroadcast([hostMatmul(x, hostTranspose(weight)), bias], (product, offset) => product + offset);
      context.expectTensor('linear', results[0] as HostTensor, withBias);
      context.expectTensor('linear', results[1] as HostTensor, expectedProduct(single, hostTranspose(weight)));
    });

    const check = (title: string, op: string, shapes: number[][], forward: (...inputs: Tensor[]) => Tensor, seed: number) =>
      context.gradientTest(title, op, { inputs: shapes.map((shape, index) => ({ shape, values: seededArray(shape, seed + index).values })), forward });
    check('matmul: gradients of a 2-D product', 'matmul', [[3, 4], [4, 2]], (a, b) => matmul(a as Tensor, b as Tensor), 400);
    check('matmul: gradients of a batched product with broadcasting', 'matmul', [[2, 1, 2, 3], [3, 3, 2]], (a, b) => matmul(a as Tensor, b as Tensor), 410);
    check('matmul: gradients with both operands transposed', 'matmul', [[2, 3, 2], [4, 3]], (a, b) => matmul(a as Tensor, b as Tensor, true, true), 420);
    check('matmul: gradients with the first operand transposed', 'matmul', [[3, 2], [2, 3, 4]], (a, b) => matmul(a as Tensor, b as Tensor, true, false), 425);
    check('matmul: gradients of 1-D operands', 'matmul', [[3], [2, 3, 4]], (a, b) => matmul(a as Tensor, b as Tensor), 430);
    check('matmul: gradients of a dot product', 'matmul', [[5], [5]], (a, b) => matmul(a as Tensor, b as Tensor), 440);
    check('matmul: gradients through a permuted operand', 'matmul', [[3, 2, 4], [3, 5]], (a, b) => matmul(permute(a as Tensor, [1, 2, 0]), b as Tensor), 445);
    check('linear: gradients of input, weight and bias', 'linear', [[2, 3], [4, 3], [4]], (x, w, b) => linear(x as Tensor, w as Tensor, b as Tensor), 450);
  });
}
