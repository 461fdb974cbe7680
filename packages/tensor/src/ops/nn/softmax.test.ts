import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { tensor } from '../creation';
import { logSoftmax, softmax } from './softmax';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('softmax');

describe('softmax and logSoftmax', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch: ${name}`, () => {
      const op = name.startsWith('logSoftmax') ? logSoftmax : softmax;
      runFixture(name, fixture, ({ x }) => op(x as Tensor, fixture.options.axis as number), { output: { atol: 1e-6, rtol: 1e-5 } });
    });
  }

  const generator = new Generator(41);
  for (const [name, op] of [['softmax', softmax], ['logSoftmax', logSoftmax]] as const) {
    it(`${name} gradient agrees with finite differences`, () => {
      const x = randn([2, 3, 4], { generator });
      checkGradients((input) => op(input as Tensor, 1), [x]);
      checkGradients((input) => op(input as Tensor, -1), [x]);
      x.dispose();
    });
  }

  it('rejects integer input and a bad axis', () => {
    const x = tensor([1, 2, 3]);
    expect(() => softmax(tensor(new Int32Array([1, 2])))).toThrow(/softmax: the input must be a floating-point tensor, got int32/);
    expect(() => logSoftmax(x, 2)).toThrow(/logSoftmax/);
    x.dispose();
  });
});
