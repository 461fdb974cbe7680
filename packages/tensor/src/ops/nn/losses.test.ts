import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { rand, randn } from '../../random/random-tensors';
import { tensor } from '../creation';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy';
import { crossEntropy } from './cross-entropy';
import type { LossReduction } from './loss-reduction';
import { l1Loss, mseLoss, smoothL1Loss } from './regression-losses';
import { softmax } from './softmax';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('losses');
const tolerance = { output: { atol: 1e-5, rtol: 1e-5 } };

describe('crossEntropy', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('ce'))) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { ignoreIndex: number; reduction: LossReduction; labelSmoothing: number };
      runFixture(name, fixture, ({ logits, target, weight }) => crossEntropy(logits as Tensor, target as Tensor, { ...options, weight: weight ?? null }), tolerance);
    });
  }

  const generator = new Generator(31);
  it('gradient agrees with finite differences (weights, ignored targets, label smoothing)', () => {
    const logits = randn([4, 3, 2], { generator });
    const target = tensor(new Int32Array([0, 2, -100, 1, 2, 2, 1, 0]), { shape: [4, 2] });
    const weight = tensor([0.5, 2, 1.25]);
    checkGradients((input) => crossEntropy(input as Tensor, target, { weight, labelSmoothing: 0.15 }), [logits]);
    for (const item of [logits, target, weight]) item.dispose();
  });

  it('gradient agrees with finite differences for probability targets', () => {
    const logits = randn([3, 4], { generator });
    const raw = randn([3, 4], { generator });
    const target = softmax(raw, 1);
    checkGradients((input) => crossEntropy(input as Tensor, target, { reduction: 'sum', labelSmoothing: 0.1 }), [logits]);
    for (const item of [logits, raw, target]) item.dispose();
  });

  it('checks its arguments', () => {
    const logits = randn([2, 3], { generator });
    const target = tensor(new Int32Array([0, 1]));
    expect(() => crossEntropy(logits, tensor([0, 1]))).toThrow(/crossEntropy: probability targets must have the logits shape \[2, 3\], got \[2\]/);
    expect(() => crossEntropy(logits, tensor(new Int32Array([0, 1, 2])))).toThrow(/class-index targets must have shape \[2\]/);
    expect(() => crossEntropy(logits, target, { weight: tensor([1, 2]) })).toThrow(/crossEntropy: weight must have shape \[3\], got \[2\]/);
    expect(() => crossEntropy(logits, target, { reduction: 'avg' as LossReduction })).toThrow(/crossEntropy: reduction must be/);
    logits.dispose();
    target.dispose();
  });
});

describe('binaryCrossEntropyWithLogits', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('bce'))) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { reduction: LossReduction };
      runFixture(name, fixture, ({ logits, target, weight, posWeight }) =>
        binaryCrossEntropyWithLogits(logits as Tensor, target as Tensor, { reduction: options.reduction, weight: weight ?? null, posWeight: posWeight ?? null }), tolerance);
    });
  }

  it('is finite for large logits and its gradient agrees with finite differences', () => {
    const generator = new Generator(32);
    const big = tensor([[200, -200]]);
    const target = tensor([[0, 1]]);
    const loss = binaryCrossEntropyWithLogits(big, target);
    expect(loss.item()).toBeCloseTo(200, 3);
    const logits = randn([2, 3], { generator, std: 3 });
    const soft = rand([2, 3], { generator });
    const posWeight = tensor([0.5, 2, 3]);
    checkGradients((input) => binaryCrossEntropyWithLogits(input as Tensor, soft, { posWeight }), [logits]);
    for (const item of [big, target, loss, logits, soft, posWeight]) item.dispose();
  });
});

describe('regression losses', () => {
  const losses = { l1: l1Loss, mse: mseLoss } as const;
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => /^(l1|mse|smoothL1)/.test(key))) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { reduction: LossReduction; beta?: number };
      runFixture(name, fixture, ({ input, target }) => {
        if (name.startsWith('smoothL1')) return smoothL1Loss(input as Tensor, target as Tensor, { reduction: options.reduction, beta: options.beta ?? 1 });
        const fn = losses[name.startsWith('l1') ? 'l1' : 'mse'];
        return fn(input as Tensor, target as Tensor, { reduction: options.reduction });
      }, tolerance);
    });
  }

  it('gradients agree with finite differences', () => {
    const generator = new Generator(33);
    const input = randn([2, 3], { generator });
    const target = randn([2, 3], { generator });
    checkGradients((a, b) => mseLoss(a as Tensor, b as Tensor), [input, target]);
    checkGradients((a, b) => smoothL1Loss(a as Tensor, b as Tensor, { beta: 0.5, reduction: 'sum' }), [input, target]);
    checkGradients((a, b) => l1Loss(a as Tensor, b as Tensor, { reduction: 'none' }), [input, target]);
    input.dispose();
    target.dispose();
  });
});
