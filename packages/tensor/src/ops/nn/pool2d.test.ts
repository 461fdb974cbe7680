import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { setDefaultBackend } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { tensor } from '../creation';
import { Generator } from '../../random/generator';
import { randperm } from '../../random/random-tensors';
import { cast } from '../cast';
import { mul } from '../arithmetic';
import { reshape } from '../reshape';
import { adaptiveAvgPool2d, type AdaptiveSize } from './adaptive-avg-pool2d';
import { avgPool2d, type AvgPool2dOptions } from './avg-pool2d';
import { maxPool2d, maxPool2dWithIndices, type MaxPool2dOptions } from './max-pool2d';
import type { Pair } from './pair';
import { poolOutputLength } from './pool-geometry';
import { assertCloseToFixture } from './test-support/assert-close';
import { checkGradients } from './test-support/finite-differences';
import { loadFixtures } from './test-support/fixtures';
import { runFixture } from './test-support/run-fixture';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const fixtures = loadFixtures('pool2d');
const tolerance = { output: { atol: 1e-5, rtol: 1e-5 } };

/** PyTorch's snake_case pooling options as this package's options. */
function poolOptions(raw: Record<string, unknown>): { kernel: Pair; options: MaxPool2dOptions & AvgPool2dOptions } {
  const options: MaxPool2dOptions & AvgPool2dOptions = {};
  if (raw.stride !== undefined) options.stride = raw.stride as Pair;
  if (raw.padding !== undefined) options.padding = raw.padding as Pair;
  if (raw.dilation !== undefined) options.dilation = raw.dilation as Pair;
  if (raw.ceil_mode !== undefined) options.ceilMode = raw.ceil_mode as boolean;
  if (raw.count_include_pad !== undefined) options.countIncludePad = raw.count_include_pad as boolean;
  if (raw.divisor_override !== undefined) options.divisorOverride = raw.divisor_override as number;
  return { kernel: raw.kernel_size as Pair, options };
}

/** Distinct, well separated values (a shuffled ramp), so that finite differences never cross a tie. */
function separated(shape: number[], generator: Generator): Tensor {
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const order = randperm(size, { generator });
  const ramp = cast(order, 'float32');
  const scaled = mul(ramp, 0.25);
  const result = reshape(scaled, shape);
  for (const item of [order, ramp, scaled]) item.dispose();
  return result;
}

describe('poolOutputLength', () => {
  it('follows PyTorch: ceil mode drops a last window that starts in the right padding', () => {
    expect(poolOutputLength(5, 2, 0, 2, 1, false)).toBe(2);
    expect(poolOutputLength(5, 2, 0, 2, 1, true)).toBe(3);
    expect(poolOutputLength(6, 3, 1, 2, 1, true)).toBe(4);
    expect(poolOutputLength(5, 2, 1, 2, 1, true)).toBe(3);
    expect(poolOutputLength(4, 2, 1, 2, 1, true)).toBe(3);
    expect(poolOutputLength(7, 3, 1, 3, 1, true)).toBe(3);
  });
});

describe('maxPool2d', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('max'))) {
    it(`matches PyTorch values, indices and gradient: ${name}`, () => {
      const { kernel, options } = poolOptions(fixture.options);
      runFixture(name, fixture, ({ x }) => {
        const { values, indices } = maxPool2dWithIndices(x as Tensor, kernel, options);
        assertCloseToFixture(`${name} indices`, indices, fixture.outputs.indices!);
        return { output: values, indices };
      }, tolerance);
    });
  }

  const generator = new Generator(3);
  const cases: Array<[string, number[], Pair, MaxPool2dOptions]> = [
    ['padding', [1, 2, 5, 6], 3, { stride: 2, padding: 1 }],
    ['dilation and ceil mode', [1, 1, 7, 6], [2, 3], { stride: [2, 1], dilation: [2, 1], ceilMode: true, padding: [1, 1] }],
  ];
  for (const [name, shape, kernel, options] of cases) {
    it(`gradient agrees with finite differences: ${name}`, () => {
      const x = separated(shape, generator);
      checkGradients((input) => maxPool2d(input as Tensor, kernel, options), [x]);
      x.dispose();
    });
  }

  it('picks the first maximum of a tie and propagates NaN, as PyTorch', () => {
    const x = tensor([[[[1, 3, 3, 2], [0, 3, Number.NaN, 1]]]]);
    const { values, indices } = maxPool2dWithIndices(x, 2);
    expect(Array.from(values.dataSync())).toEqual([3, Number.NaN]);
    expect(Array.from(indices.dataSync())).toEqual([1, 6]);
    for (const item of [x, values, indices]) item.dispose();
  });

  it('rejects padding above half the kernel and outputs that would be empty', () => {
    const x = tensor([[[[1, 2], [3, 4]]]]);
    expect(() => maxPool2d(x, 2, { padding: 2 })).toThrow(/maxPool2d: padding \[2, 2\] must be at most half the kernel size/);
    expect(() => maxPool2d(x, 3)).toThrow(/maxPool2d: the input \[1, 1, 2, 2\] gives an output of 0x0/);
    expect(() => maxPool2d(tensor([1, 2]), 1)).toThrow(/maxPool2d: expected a 3-D/);
    x.dispose();
  });
});

describe('avgPool2d', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('avg'))) {
    it(`matches PyTorch: ${name}`, () => {
      const { kernel, options } = poolOptions(fixture.options);
      runFixture(name, fixture, ({ x }) => avgPool2d(x as Tensor, kernel, options), tolerance);
    });
  }

  const generator = new Generator(4);
  const cases: Array<[string, AvgPool2dOptions]> = [
    ['count_include_pad', { stride: 2, padding: 1, ceilMode: true }],
    ['exclude padding', { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    ['divisor override', { stride: 1, padding: 1, divisorOverride: 3 }],
  ];
  for (const [name, options] of cases) {
    it(`gradient agrees with finite differences: ${name}`, () => {
      const x = separated([1, 2, 5, 4], generator);
      checkGradients((input) => avgPool2d(input as Tensor, 3, options), [x]);
      x.dispose();
    });
  }

  it('rejects a zero divisorOverride', () => {
    const x = tensor([[[[1, 2], [3, 4]]]]);
    expect(() => avgPool2d(x, 2, { divisorOverride: 0 })).toThrow(/avgPool2d: divisorOverride must be a non-zero number, got 0/);
    x.dispose();
  });
});

describe('adaptiveAvgPool2d', () => {
  for (const [name, fixture] of Object.entries(fixtures).filter(([key]) => key.startsWith('adaptive'))) {
    it(`matches PyTorch: ${name}`, () => {
      runFixture(name, fixture, ({ x }) => adaptiveAvgPool2d(x as Tensor, fixture.options.outputSize as AdaptiveSize), tolerance);
    });
  }

  it('gradient agrees with finite differences', () => {
    const x = separated([1, 2, 5, 7], new Generator(5));
    checkGradients((input) => adaptiveAvgPool2d(input as Tensor, [3, 4]), [x]);
    x.dispose();
  });

  it('pools an unbatched CHW input and rejects bad sizes', () => {
    const x = tensor([[[1, 2], [3, 4]]]);
    const y = adaptiveAvgPool2d(x, 1);
    expect(y.arraySync()).toEqual([[[2.5]]]);
    expect(() => adaptiveAvgPool2d(x, 0)).toThrow(/adaptiveAvgPool2d: outputSize must hold positive integers, got 0/);
    x.dispose();
    y.dispose();
  });
});
