import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { tensor } from '../creation';
import { scaledDotProductAttention } from './attention';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('attention');

describe('scaledDotProductAttention', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch: ${name}`, () => {
      const options = fixture.options as { scale?: number; isCausal?: boolean };
      runFixture(name, fixture, ({ q, k, v, mask }) => scaledDotProductAttention(q as Tensor, k as Tensor, v as Tensor, { ...options, mask: mask ?? null }), {
        output: { atol: 1e-5, rtol: 1e-4 },
        frozen: ['mask'],
      });
    });
  }

  const generator = new Generator(51);
  it('gradients agree with finite differences (causal, and with a float mask)', () => {
    const q = randn([2, 3, 2], { generator });
    const k = randn([2, 3, 2], { generator });
    const v = randn([2, 3, 2], { generator });
    const mask = randn([3, 3], { generator });
    checkGradients((a, b, c) => scaledDotProductAttention(a as Tensor, b as Tensor, c as Tensor, { isCausal: true }), [q, k, v]);
    checkGradients((a, b, c) => scaledDotProductAttention(a as Tensor, b as Tensor, c as Tensor, { mask, scale: 0.3 }), [q, k, v]);
    for (const item of [q, k, v, mask]) item.dispose();
  });

  it('applies dropout to the weights with the given generator, reproducibly', () => {
    const q = randn([1, 4, 2], { generator });
    const run = () => scaledDotProductAttention(q, q, q, { dropoutP: 0.5, generator: new Generator(9) });
    const [a, b] = [run(), run()];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    for (const item of [q, a, b]) item.dispose();
  });

  it('checks its arguments', () => {
    const q = randn([2, 3, 4], { generator });
    const k = randn([2, 5, 3], { generator });
    const mask = tensor([[true]]);
    expect(() => scaledDotProductAttention(q, k, k)).toThrow(/query \[2, 3, 4\] and key \[2, 5, 3\] differ in their last axis/);
    expect(() => scaledDotProductAttention(q, q, q, { mask, isCausal: true })).toThrow(/either mask or isCausal/);
    for (const item of [q, k, mask]) item.dispose();
  });
});
