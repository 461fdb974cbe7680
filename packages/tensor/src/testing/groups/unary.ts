import { describe, expect } from 'vitest';
import { UNARY_KERNELS, type UnaryKernel } from '../../core/kernel-contracts';
import type { Tensor } from '../../core/tensor';
import { tensor, zeros } from '../../ops/creation';
import * as unary from '../../ops/unary';
import type { ConformanceContext } from '../conformance-context';
import { ELEMENTWISE_REFERENCE, casesFor } from '../fixtures';
import { compute } from '../host-tensor';
import { registerReferenceCases } from '../reference-cases';

/**
 * Points where each unary op's gradient is checked by finite differences: inside the domain and
 * at least 0.1 away from kinks and jumps (0 for abs, relu and sign; integers and halves for the
 * rounding ops, whose gradient is zero).
 */
const GRADIENT_POINTS: Record<UnaryKernel, readonly number[]> = {
  neg: [-1.7, -0.4, 0, 0.6, 1.3, 2.2],
  abs: [-1.5, -0.7, -0.2, 0.3, 0.9, 2.1],
  exp: [-2, -0.5, 0, 0.7, 1.3, 1.9],
  log: [0.3, 0.8, 1.1, 1.5, 2.4, 3],
  log1p: [-0.6, -0.2, 0.1, 0.5, 1.2, 4],
  expm1: [-2, -0.3, 0.05, 0.4, 0.8, 1.7],
  sqrt: [0.3, 0.9, 1.4, 2, 3.3, 5],
  rsqrt: [0.4, 0.9, 1.4, 2, 3.3, 5],
  square: [-2, -0.4, 0, 0.3, 1.1, 1.7],
  reciprocal: [-2, -0.6, -0.3, 0.5, 1.1, 1.8],
  sign: [-1.3, -0.4, 0.3, 0.8, 1.2, 2],
  floor: [-1.3, -0.4, 0.3, 0.8, 1.2, 2.2],
  ceil: [-1.3, -0.4, 0.3, 0.8, 1.2, 2.2],
  round: [-1.3, -0.3, 0.3, 0.7, 1.2, 2.2],
  sigmoid: [-3, -0.5, 0, 0.6, 1.4, 2.5],
  tanh: [-2, -0.5, 0, 0.4, 0.9, 1.5],
  relu: [-1.5, -0.3, 0.2, 0.6, 1.1, 2],
  erf: [-2, -0.6, 0, 0.4, 0.9, 1.3],
  sin: [-2.5, -1, 0, 0.7, 1.6, 2.2],
  cos: [-2.5, -1, 0, 0.7, 1.6, 2.2],
};

/** Ops whose integer inputs are computed in float32 (the others keep int32). */
const FLOAT_RESULT = new Set<UnaryKernel>(['exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'sigmoid', 'tanh', 'erf', 'sin', 'cos']);

function unaryOp(name: UnaryKernel): (x: Tensor) => Tensor {
  return unary[name] as (x: Tensor) => Tensor;
}

/** The unary elementwise ops and clamp: PyTorch values, special values, dtypes and gradients. */
export function registerUnaryTests(context: ConformanceContext): void {
  describe('elementwise unary', () => {
    registerReferenceCases(context, casesFor(ELEMENTWISE_REFERENCE, [...UNARY_KERNELS, 'clamp']));

    for (const name of UNARY_KERNELS) {
      context.gradientTest(`${name}: gradient matches finite differences`, name, {
        inputs: [{ shape: [2, 3], values: GRADIENT_POINTS[name] }],
        forward: unaryOp(name),
      });
    }

    context.test('unary ops keep rank-0 and size-0 shapes', [...UNARY_KERNELS], async () => {
      const results = await compute(() => UNARY_KERNELS.flatMap((name) => [unaryOp(name)(tensor(0.5)), unaryOp(name)(zeros([2, 0, 3]))]));
      UNARY_KERNELS.forEach((name, index) => {
        expect([name, results[2 * index]?.shape]).toEqual([name, []]);
        expect([name, results[2 * index + 1]?.shape]).toEqual([name, [2, 0, 3]]);
      });
    });

    context.test('int32 inputs: neg, abs, square, sign, floor, ceil, round, relu stay int32; the others compute in float32', [...UNARY_KERNELS], async () => {
      const values = [-3, -1, 0, 2, 5];
      const results = await compute(() => UNARY_KERNELS.map((name) => unaryOp(name)(tensor(Int32Array.from(values)))));
      UNARY_KERNELS.forEach((name, index) => {
        const result = results[index];
        expect([name, result?.dtype]).toEqual([name, FLOAT_RESULT.has(name) ? 'float32' : 'int32']);
      });
      const byName = (name: UnaryKernel) => results[UNARY_KERNELS.indexOf(name)]?.values;
      expect(byName('neg')).toEqual([3, 1, 0, -2, -5]);
      expect(byName('abs')).toEqual([3, 1, 0, 2, 5]);
      expect(byName('square')).toEqual([9, 1, 0, 4, 25]);
      expect(byName('sign')).toEqual([-1, -1, 0, 1, 1]);
      expect(byName('relu')).toEqual([0, 0, 0, 2, 5]);
      context.expectTensor('exp', results[UNARY_KERNELS.indexOf('exp')] as NonNullable<(typeof results)[number]>, {
        shape: [5],
        dtype: 'float32',
        values: values.map(Math.exp),
      });
    });

    context.gradientTest(
      'clamp: gradient passes inside the bounds only',
      'clamp',
      { inputs: [{ shape: [2, 4], values: [-1.6, -0.4, 0.2, 0.9, -1.2, 0.3, 1.5, -0.8] }], forward: (x) => unary.clamp(x, -1, 0.5) },
    );

    context.gradientTest('clamp with one bound: gradient', 'clamp', {
      inputs: [{ shape: [4], values: [-1.6, -0.4, 0.2, 0.9] }],
      forward: (x) => unary.clamp(x, undefined, 0),
    });

    context.test('clamp of int32 stays int32; clamp without bounds is an error', 'clamp', async () => {
      const [result] = await compute(() => [unary.clamp(tensor(Int32Array.from([-5, 0, 3, 9])), -2, 4)]);
      expect(result).toEqual({ shape: [4], dtype: 'int32', values: [-2, 0, 3, 4] });
      const x = tensor([1]);
      try {
        expect(() => unary.clamp(x)).toThrow(/clamp/);
      } finally {
        x.dispose();
      }
    });
  });
}
