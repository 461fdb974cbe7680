import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { ones, zeros } from '../creation';
import { batchNorm } from './batch-norm';
import { groupNorm } from './group-norm';
import { layerNorm } from './layer-norm';
import { assertCloseToFixture } from './test-support/assert-close';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('norms');
const tolerance = { output: { atol: 1e-4, rtol: 1e-4 } };

describe('batchNorm', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('batch'))) {
    it(`matches PyTorch (output, gradients, running statistics): ${name}`, () => {
      const options = fixture.options as { training: boolean; momentum: number; eps: number };
      runFixture(
        name,
        fixture,
        ({ x, runningMean, runningVar, weight, bias }) => batchNorm(x as Tensor, runningMean as Tensor, runningVar as Tensor, weight, bias, options),
        { ...tolerance, frozen: ['runningMean', 'runningVar'] },
        ({ runningMean, runningVar }) => {
          assertCloseToFixture(`${name} runningMean`, runningMean as Tensor, fixture.outputs.runningMean!, { atol: 1e-5, rtol: 1e-5 });
          assertCloseToFixture(`${name} runningVar`, runningVar as Tensor, fixture.outputs.runningVar!, { atol: 1e-5, rtol: 1e-5 });
        },
      );
    });
  }

  const generator = new Generator(21);
  it('gradient agrees with finite differences in training', () => {
    const x = randn([3, 2, 2, 2], { generator });
    const weight = randn([2], { generator });
    const bias = randn([2], { generator });
    checkGradients((input, w, b) => batchNorm(input as Tensor, null, null, w, b, { training: true }), [x, weight, bias]);
    for (const item of [x, weight, bias]) item.dispose();
  });

  it('gradient agrees with finite differences in evaluation', () => {
    const x = randn([3, 2, 4], { generator });
    const runningMean = randn([2], { generator });
    const runningVar = ones([2]);
    const weight = randn([2], { generator });
    checkGradients((input, w) => batchNorm(input as Tensor, runningMean, runningVar, w, null), [x, weight]);
    for (const item of [x, runningMean, runningVar, weight]) item.dispose();
  });

  it('checks its arguments', () => {
    const x = randn([1, 3], { generator });
    const stats = zeros([3]);
    const wrong = zeros([2]);
    expect(() => batchNorm(x, stats, stats, null, null, { training: true })).toThrow(/batchNorm: expected more than 1 value per channel when training, got input of shape \[1, 3\]/);
    expect(() => batchNorm(x, wrong, stats)).toThrow(/batchNorm: runningMean must have shape \[3\], got \[2\]/);
    expect(() => batchNorm(x, null, null)).toThrow(/runningMean and runningVar are needed when training is false/);
    for (const item of [x, stats, wrong]) item.dispose();
  });
});

describe('layerNorm', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('layer'))) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { normalizedShape: number[]; eps: number };
      runFixture(name, fixture, ({ x, weight, bias }) => layerNorm(x as Tensor, options.normalizedShape, weight, bias, options.eps), tolerance);
    });
  }

  it('gradient agrees with finite differences', () => {
    const generator = new Generator(22);
    const x = randn([2, 3, 4], { generator });
    const weight = randn([3, 4], { generator });
    const bias = randn([3, 4], { generator });
    checkGradients((input, w, b) => layerNorm(input as Tensor, [3, 4], w, b), [x, weight, bias]);
    for (const item of [x, weight, bias]) item.dispose();
  });

  it('rejects a normalizedShape that does not end the input shape', () => {
    const x = randn([2, 3]);
    expect(() => layerNorm(x, [2])).toThrow(/layerNorm: normalizedShape \[2\] does not match the last axes of the input \[2, 3\]/);
    x.dispose();
  });
});

describe('groupNorm', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('group'))) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { numGroups: number; eps: number };
      runFixture(name, fixture, ({ x, weight, bias }) => groupNorm(x as Tensor, options.numGroups, weight, bias, options.eps), tolerance);
    });
  }

  it('gradient agrees with finite differences', () => {
    const generator = new Generator(23);
    const x = randn([2, 4, 3], { generator });
    const weight = randn([4], { generator });
    const bias = randn([4], { generator });
    checkGradients((input, w, b) => groupNorm(input as Tensor, 2, w, b), [x, weight, bias]);
    for (const item of [x, weight, bias]) item.dispose();
  });

  it('rejects a group count that does not divide the channels', () => {
    const x = randn([2, 6, 2]);
    expect(() => groupNorm(x, 4)).toThrow(/groupNorm: numGroups = 4 must be a positive divisor of the 6 channels/);
    x.dispose();
  });
});
