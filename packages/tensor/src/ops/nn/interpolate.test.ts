import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { InterpolateMode } from '../../core/kernel-contracts';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { tensor } from '../creation';
import { interpolate, type InterpolateOptions } from './interpolate';
import type { Pair } from './pair';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('interpolate');

function optionsOf(raw: Record<string, unknown>): InterpolateOptions {
  const options: InterpolateOptions = { mode: raw.mode as InterpolateMode };
  if (raw.size !== null && raw.size !== undefined) options.size = raw.size as Pair;
  if (raw.scaleFactor !== null && raw.scaleFactor !== undefined) options.scaleFactor = raw.scaleFactor as number;
  if (raw.align_corners !== undefined) options.alignCorners = raw.align_corners as boolean;
  return options;
}

describe('interpolate', () => {
  for (const [name, fixture] of Object.entries(fixtures)) {
    it(`matches PyTorch: ${name}`, () => {
      runFixture(name, fixture, ({ x }) => interpolate(x as Tensor, optionsOf(fixture.options)), { output: { atol: 1e-5, rtol: 1e-5 } });
    });
  }

  const generator = new Generator(11);
  const cases: Array<[string, InterpolateOptions]> = [
    ['bilinear up', { size: [5, 7], mode: 'bilinear' }],
    ['bilinear aligned down', { size: [2, 3], mode: 'bilinear', alignCorners: true }],
    ['bicubic up', { size: [6, 5], mode: 'bicubic' }],
    ['bicubic aligned', { scaleFactor: 2, mode: 'bicubic', alignCorners: true }],
    ['nearest', { size: [5, 2] }],
    ['area', { size: [2, 3], mode: 'area' }],
  ];
  for (const [name, options] of cases) {
    it(`gradient agrees with finite differences: ${name}`, () => {
      const x = randn([1, 2, 3, 4], { generator });
      checkGradients((input) => interpolate(input as Tensor, options), [x]);
      x.dispose();
    });
  }

  it('checks its options', () => {
    const x = tensor([[[1, 2], [3, 4]]]);
    expect(() => interpolate(x, {})).toThrow(/interpolate: give exactly one of size and scaleFactor/);
    expect(() => interpolate(x, { size: 2, alignCorners: true })).toThrow(/alignCorners can only be set with the 'bilinear' and 'bicubic' modes/);
    expect(() => interpolate(x, { scaleFactor: 0.1 })).toThrow(/gives an empty output/);
    const y = interpolate(x, { scaleFactor: 2 });
    expect(y.arraySync()).toEqual([[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]);
    x.dispose();
    y.dispose();
  });
});
