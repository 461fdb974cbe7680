import { describe, expect } from 'vitest';
import type { BinaryKernel } from '../../core/kernel-contracts';
import type { Tensor } from '../../core/tensor';
import { add, atan2, div, maximum, minimum, mul, pow, sub } from '../../ops/arithmetic';
import { tensor } from '../../ops/creation';
import type { Operand } from '../../ops/operand';
import type { ConformanceContext } from '../conformance-context';
import { ELEMENTWISE_REFERENCE, casesFor } from '../fixtures';
import { type HostArray, hostBroadcast, seededArray } from '../host-reference';
import { type HostTensor, compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';
import { registerComparisonTests } from './comparison';

const BINARY_OPS: Record<BinaryKernel, { op: (a: Operand, b: Operand) => Tensor; host: (a: number, b: number) => number }> = {
  add: { op: add, host: (a, b) => a + b },
  sub: { op: sub, host: (a, b) => a - b },
  mul: { op: mul, host: (a, b) => a * b },
  div: { op: div, host: (a, b) => a / b },
  pow: { op: pow, host: (a, b) => a ** b },
  maximum: { op: maximum, host: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b)) },
  minimum: { op: minimum, host: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b)) },
  atan2: { op: atan2, host: Math.atan2 },
};

/** Shape pairs that broadcast: trailing alignment, size-1 axes, rank 0 and size 0. */
const BROADCAST_SHAPES: ReadonlyArray<readonly [number[], number[]]> = [
  [[2, 3], [2, 3]],
  [[2, 3], [3]],
  [[2, 1, 3], [4, 1]],
  [[], [2, 2]],
  [[3, 1], []],
  [[1, 3], [2, 1]],
  [[0, 3], [1, 3]],
  [[2, 0], [1]],
  [[4], [0, 1]],
];

/** Values of the first and second operand of an op, inside its domain (pow: positive bases; div: no zero divisors). */
function operands(name: BinaryKernel, shapeA: number[], shapeB: number[], seed: number): [HostArray, HostArray] {
  if (name === 'pow') return [seededArray(shapeA, seed, 0.25, 2), seededArray(shapeB, seed + 1, -2, 2)];
  if (name === 'div') {
    const b = seededArray(shapeB, seed + 1, 0.5, 2);
    return [seededArray(shapeA, seed, -2, 2), { shape: b.shape, values: b.values.map((value, index) => (index % 2 ? -value : value)) }];
  }
  return [seededArray(shapeA, seed, -2, 2), seededArray(shapeB, seed + 1, -2, 2)];
}

function fromHost(array: HostArray): Tensor {
  return tensor(Float32Array.from(array.values), { shape: array.shape });
}

/** Gradient points: [2, 3] with [3], and [2, 1] with [1, 3], no ties for maximum/minimum, in each op's domain. */
const GRADIENT_OPERANDS: Record<BinaryKernel, { wide: [number[], number[]]; outer: [number[], number[]] }> = {
  add: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
  sub: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
  mul: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
  div: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.6, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.7, 0.8, 1.5]] },
  pow: { wide: [[1.2, 0.4, 1.7, 0.9, 0.3, 1.8], [0.1, -0.5, 1.2]], outer: [[0.3, 0.9], [-0.2, 0.8, 1.5]] },
  maximum: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
  minimum: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
  atan2: { wide: [[-1.2, 0.4, 1.7, 0.9, -0.3, -1.8], [0.1, -0.5, 1.2]], outer: [[0.3, -0.9], [-0.2, 0.8, 1.5]] },
};

/** The binary elementwise ops: broadcasting, number operands, dtype promotion and gradients. */
export function registerBinaryTests(context: ConformanceContext): void {
  describe('elementwise binary', () => {
    registerReferenceCases(context, casesFor(ELEMENTWISE_REFERENCE, [...Object.keys(BINARY_OPS), 'where']));

    for (const [name, { op, host }] of Object.entries(BINARY_OPS) as Array<[BinaryKernel, (typeof BINARY_OPS)[BinaryKernel]]>) {
      context.test(`${name}: broadcasting (size-1, rank-0 and size-0 operands) matches the host`, name, async () => {
        const pairs = BROADCAST_SHAPES.map(([shapeA, shapeB], index) => operands(name, shapeA, shapeB, 100 + 10 * index));
        const results = await compute(() => pairs.map(([a, b]) => op(fromHost(a), fromHost(b))));
        pairs.forEach(([a, b], index) => {
          const expected = hostBroadcast([a, b], host);
          context.expectTensor(name, results[index] as HostTensor, { ...expected, dtype: 'float32' }, `${name} of ${JSON.stringify(a.shape)} and ${JSON.stringify(b.shape)}`);
        });
      });

      context.test(`${name}: number operands on either side`, name, async () => {
        const x = seededArray([2, 3], 7, 0.5, 2);
        const results = await compute(() => [op(fromHost(x), 1.5), op(1.5, fromHost(x)), op(fromHost(x), -2)]);
        const expected = [
          x.values.map((value) => host(value, 1.5)),
          x.values.map((value) => host(1.5, value)),
          x.values.map((value) => host(value, -2)),
        ];
        expected.forEach((values, index) => context.expectTensor(name, results[index] as HostTensor, { shape: [2, 3], dtype: 'float32', values }, `${name} with a number (${index})`));
      });

      const points = GRADIENT_OPERANDS[name];
      context.gradientTest(`${name}: gradients of [2, 3] and [3] operands`, name, {
        inputs: [
          { shape: [2, 3], values: points.wide[0] },
          { shape: [3], values: points.wide[1] },
        ],
        forward: (a, b) => op(a as Tensor, b as Tensor),
      });
      context.gradientTest(`${name}: gradients of [2, 1] and [1, 3] operands`, name, {
        inputs: [
          { shape: [2, 1], values: points.outer[0] },
          { shape: [1, 3], values: points.outer[1] },
        ],
        forward: (a, b) => op(a as Tensor, b as Tensor),
      });
    }

    context.gradientTest('pow: gradient of a cube of negative bases (number exponent)', 'pow', {
      inputs: [{ shape: [4], values: [-1.5, -0.5, 0.7, 1.3] }],
      forward: (x) => pow(x, 3),
    });
    context.gradientTest('pow: gradient of a number base to a tensor exponent', 'pow', {
      inputs: [{ shape: [4], values: [-1.5, -0.5, 0.7, 1.3] }],
      forward: (x) => pow(2, x),
    });
    context.gradientTest('div: gradient of a number divided by a tensor', 'div', {
      inputs: [{ shape: [4], values: [-1.5, -0.5, 0.7, 1.3] }],
      forward: (x) => div(1, x),
    });
    context.gradientTest('rank-0 operand: gradient sums over the broadcast', 'mul', {
      inputs: [
        { shape: [], values: [0.7] },
        { shape: [2, 3], values: [-1.2, 0.4, 1.7, 0.9, -0.3, -1.8] },
      ],
      forward: (a, b) => mul(a as Tensor, b as Tensor),
    });

    context.test('dtype promotion of int32, bool and float32 operands and numbers', ['add', 'sub', 'mul', 'div', 'maximum', 'pow'], async () => {
      const results = await compute(() => {
        const int = tensor(Int32Array.from([1, -2, 3]));
        const float = tensor([0.5, 1.5, -2]);
        const bool = tensor([true, false, true]);
        return [
          add(int, int),
          mul(int, float),
          add(int, 1.5),
          add(int, 2),
          mul(bool, 2),
          add(bool, float),
          add(int, bool),
          div(int, int),
          div(tensor(Int32Array.from([7, -7, 1])), 2),
          sub(5, int),
          maximum(int, float),
          pow(int, 2),
          add(float, 1),
        ];
      });
      const expected: Array<[string, number[]]> = [
        ['int32', [2, -4, 6]],
        ['float32', [0.5, -3, -6]],
        ['float32', [2.5, -0.5, 4.5]],
        ['int32', [3, 0, 5]],
        ['int32', [2, 0, 2]],
        ['float32', [1.5, 1.5, -1]],
        ['int32', [2, -2, 4]],
        ['float32', [1, 1, 1]],
        ['float32', [3.5, -3.5, 0.5]],
        ['int32', [4, 7, 2]],
        ['float32', [1, 1.5, 3]],
        ['int32', [1, 4, 9]],
        ['float32', [1.5, 2.5, -1]],
      ];
      expect(results.map((result) => [result.dtype, result.values])).toEqual(expected);
    });

    context.test('a number with a number is an error', 'add', () => {
      expect(() => add(1, 2)).toThrow(/at least one operand must be a tensor/);
    });

    context.test('shapes that do not broadcast are an error naming both shapes', 'add', () => {
      const a = tensor([1, 2, 3]);
      const b = tensor([1, 2]);
      try {
        expect(() => add(a, b)).toThrow(/\[3\] and \[2\]/);
      } finally {
        a.dispose();
        b.dispose();
      }
    });

    registerComparisonTests(context);
  });
}
