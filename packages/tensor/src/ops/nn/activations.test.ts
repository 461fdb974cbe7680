import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { tensor } from '../creation';
import { elu, gelu, hardsigmoid, hardswish, leakyRelu, logSigmoid, mish, relu6, silu, softplus } from './activations';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('activations');

const ops: Record<string, (x: Tensor) => Tensor> = {
  relu6,
  leakyRelu: (x) => leakyRelu(x),
  'leakyRelu0.2': (x) => leakyRelu(x, 0.2),
  elu: (x) => elu(x),
  'elu0.5': (x) => elu(x, 0.5),
  gelu: (x) => gelu(x),
  geluTanh: (x) => gelu(x, 'tanh'),
  silu,
  hardswish,
  hardsigmoid,
  softplus: (x) => softplus(x),
  softplusBeta: (x) => softplus(x, 2, 5),
  mish,
  logSigmoid,
};

describe('activations', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch, kinks included: ${name}`, () => {
      const op = ops[name];
      if (!op) throw new Error(`no op for fixture ${name}`);
      runFixture(name, fixture, ({ x }) => op(x as Tensor), { output: { atol: 1e-6, rtol: 1e-5 } });
    });
  }

  for (const [name, op] of Object.entries(ops)) {
    it(`gradient agrees with finite differences away from kinks: ${name}`, () => {
      const x = tensor([-7.3, -3.4, -2.2, -0.7, -0.15, 0.3, 1.1, 2.6, 3.7, 5.2, 6.6, 11.4]);
      checkGradients((input) => op(input as Tensor), [x], { step: 1e-2 });
      x.dispose();
    });
  }

  it('checks its arguments', () => {
    const x = tensor([1, 2]);
    expect(() => gelu(x, 'fast' as 'tanh')).toThrow(/gelu: approximate must be 'none' or 'tanh', got "fast"/);
    expect(() => softplus(x, 0)).toThrow(/softplus: beta must be positive, got 0/);
    expect(() => relu6(tensor(new Int32Array([1])))).toThrow(/relu6: the input must be a floating-point tensor, got int32/);
    x.dispose();
  });
});
