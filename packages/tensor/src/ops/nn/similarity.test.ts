import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { tensor } from '../creation';
import { cosineSimilarity, normalize } from './similarity';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('similarity');

describe('cosineSimilarity and normalize', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch (zero and tiny vectors included): ${name}`, () => {
      const options = fixture.options as { axis: number; eps: number; p?: number };
      runFixture(
        name,
        fixture,
        ({ a, b, x }) =>
          name.startsWith('cosine')
            ? cosineSimilarity(a as Tensor, b as Tensor, options.axis, options.eps)
            : normalize(x as Tensor, { p: options.p ?? 2, axis: options.axis, eps: options.eps }),
        { output: { atol: 1e-5, rtol: 1e-4 } },
      );
    });
  }

  const generator = new Generator(61);
  it('gradients agree with finite differences', () => {
    const a = randn([3, 4], { generator });
    const b = randn([3, 4], { generator });
    checkGradients((left, right) => cosineSimilarity(left as Tensor, right as Tensor, 1), [a, b]);
    checkGradients((x) => normalize(x as Tensor, { axis: 0 }), [a]);
    checkGradients((x) => normalize(x as Tensor, { p: 3, axis: -1 }), [b]);
    a.dispose();
    b.dispose();
  });

  it('rejects a bad axis', () => {
    const x = tensor([1, 2]);
    expect(() => normalize(x)).toThrow(/normalize/);
    x.dispose();
  });
});
