import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { memory, setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { randn } from '../../random/random-tensors';
import { Generator } from '../../random/generator';
import { conv2d, type Conv2dOptions } from './conv2d';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 2 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('conv2d');

function optionsOf(raw: Record<string, unknown>): Conv2dOptions {
  return raw as Conv2dOptions;
}

describe('conv2d', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch: ${name}`, () => {
      runFixture(
        name,
        fixture,
        ({ x, w, b }) => conv2d(x as Tensor, w as Tensor, b ?? null, optionsOf(fixture.options)),
        { output: { atol: 1e-4, rtol: 1e-4 } },
      );
    });
  }

  const generator = new Generator(7);
  const cases: Array<[string, number[], number[], Conv2dOptions]> = [
    ['stride, padding and dilation', [2, 2, 5, 6], [3, 2, 3, 2], { stride: [2, 1], padding: [1, 2], dilation: [1, 2] }],
    ['groups', [1, 4, 4, 4], [4, 2, 2, 3], { groups: 2, padding: 1 }],
    ['depthwise', [2, 3, 4, 5], [3, 1, 3, 3], { groups: 3, padding: 1, stride: 2 }],
    ['pointwise', [2, 3, 3, 2], [2, 3, 1, 1], {}],
    ['same', [1, 2, 4, 4], [2, 2, 2, 2], { padding: 'same' }],
  ];
  for (const [name, inputShape, weightShape, options] of cases) {
    it(`gradients agree with finite differences: ${name}`, () => {
      const x = randn(inputShape, { generator });
      const w = randn(weightShape, { generator });
      const b = randn([weightShape[0] as number], { generator });
      checkGradients((input, weight, bias) => conv2d(input as Tensor, weight as Tensor, bias, options), [x, w, b]);
      for (const tensor of [x, w, b]) tensor.dispose();
    });
  }

  it('accepts an unbatched CHW input', () => {
    const x = randn([2, 4, 4], { generator });
    const w = randn([3, 2, 3, 3], { generator });
    const y = conv2d(x, w, null, { padding: 1 });
    expect(y.shape).toEqual([3, 4, 4]);
    for (const tensor of [x, w, y]) tensor.dispose();
  });

  it('rejects bad arguments with the op, argument and shape in the message', () => {
    const x = randn([1, 4, 5, 5], { generator });
    const w = randn([6, 3, 3, 3], { generator });
    expect(() => conv2d(x, w)).toThrow(/conv2d: input \[1, 4, 5, 5\] has 4 channels/);
    expect(() => conv2d(x, w, null, { groups: 4 })).toThrow(/not divisible by groups = 4/);
    expect(() => conv2d(x, w, null, { stride: 0 })).toThrow(/conv2d: stride/);
    const fitting = randn([6, 4, 3, 3], { generator });
    expect(() => conv2d(x, fitting, null, { padding: 'same', stride: 2 })).toThrow(/'same' needs stride 1/);
    fitting.dispose();
    const big = randn([2, 4, 7, 7], { generator });
    expect(() => conv2d(x, big)).toThrow(/smaller than the dilated kernel/);
    for (const tensor of [x, w, big]) tensor.dispose();
  });

  it('does not leak tensors through forward and backward', () => {
    const x = randn([1, 2, 5, 5], { generator, requiresGrad: true });
    const w = randn([4, 1, 3, 3], { generator, requiresGrad: true });
    const before = memory().tensors;
    const y = conv2d(x, w, null, { groups: 2, padding: 'same' });
    const loss = y.sum();
    loss.backward();
    loss.dispose();
    y.dispose();
    x.grad?.dispose();
    w.grad?.dispose();
    x.grad = null;
    w.grad = null;
    expect(memory().tensors).toBe(before);
    x.dispose();
    w.dispose();
  });
});
