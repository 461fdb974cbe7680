import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFunction } from '../autograd/define-function';
import { recordOp } from '../autograd/record-op';
import { memory, noGrad, setDefaultBackend } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { createCpuBackend } from '../cpu/cpu-backend';
import { mul } from '../ops/arithmetic';
import { split } from '../ops/join';
import { exp } from '../ops/unary';
import { checkGradients, compareGradients } from './finite-difference';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const tolerance = { rtol: 1e-2, atol: 1e-3 };

/** The identity with a backward that doubles the gradient: a wrong gradient the check must catch. */
const wrongIdentity = defineFunction({
  name: 'wrongIdentity',
  forward: (_, x) => mul(x as Tensor, 1),
  backward: (_, gradient) => [mul(gradient, 2)],
});

describe('checkGradients', () => {
  it('accepts a correct gradient and leaves nothing alive', async () => {
    const before = memory();
    await checkGradients({ inputs: [{ shape: [2, 2], values: [-1, 0, 0.5, 2] }], forward: (x) => exp(x) }, tolerance, 'exp');
    expect([memory().tensors, memory().bytes]).toEqual([before.tensors, before.bytes]);
  });

  it('rejects a wrong gradient, naming the input and the element', async () => {
    await expect(checkGradients({ inputs: [{ shape: [3], values: [1, 2, 3] }], forward: (x) => wrongIdentity.apply(x) }, tolerance, 'wrongIdentity')).rejects.toThrow(
      /wrongIdentity: gradient of input 0 \(autograd vs finite differences\): 3 of 3 values differ.*at \[0\]/,
    );
  });

  it('rejects a gradient that never reaches an input', async () => {
    const blocked = (x: Tensor) => recordOp('blocked', [x], noGrad(() => mul(x, 3)), () => [null]);
    await expect(checkGradients({ inputs: [{ shape: [2], values: [1, 2] }], forward: blocked }, tolerance, 'blocked')).rejects.toThrow(/2 of 2 values differ.*at \[0\]: 0 instead of/);
  });
});

describe('compareGradients', () => {
  it('differentiates several inputs with broadcasting and skips integer inputs', async () => {
    const { analytic, numeric } = await compareGradients({
      inputs: [
        { shape: [2, 3], values: [1, 2, 3, 4, 5, 6] },
        { shape: [3], values: [0.5, -1, 2] },
        { shape: [1], values: [3], dtype: 'int32' },
      ],
      forward: (a, b, c) => mul(mul(a, b), c),
    });
    expect(analytic[2]).toBeNull();
    expect(numeric[2]).toBeNull();
    for (const index of [0, 1]) {
      const exact = analytic[index]?.values ?? [];
      const estimate = numeric[index]?.values ?? [];
      expect(exact.length).toBe(estimate.length);
      exact.forEach((value, position) => expect(value).toBeCloseTo(estimate[position] as number, 3));
    }
  });

  it('sums the contributions of several outputs', async () => {
    const { analytic, numeric } = await compareGradients({ inputs: [{ shape: [4], values: [1, 2, 3, 4] }], forward: (x) => split(mul(x, x), 2) });
    (analytic[0]?.values ?? []).forEach((value, position) => expect(value).toBeCloseTo(numeric[0]?.values[position] as number, 3));
  });
});
