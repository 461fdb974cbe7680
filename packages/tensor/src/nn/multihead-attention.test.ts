import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, setDefaultBackend, tidy } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { ones, zeros } from '../ops/creation';
import { sum } from '../ops/reduce';
import { Generator } from '../random/generator';
import { randn } from '../random/random-tensors';
import { clone } from '../ops/copy';
import { checkCase, expectNames, moduleCase } from './__fixtures__/nn-fixtures';
import type { AnyModule } from './module';
import { type MultiheadAttentionForwardOptions, MultiheadAttention } from './multihead-attention';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** Calls the module as the generator script calls PyTorch's (masks follow query, key, value). */
function attend(options: { padding?: boolean; mask?: boolean; needWeights?: boolean; average?: boolean } = {}) {
  return (module: AnyModule, inputs: Tensor[]): Array<Tensor | null> => {
    const [query, key, value, ...masks] = inputs as [Tensor, Tensor, Tensor, ...Tensor[]];
    const forwardOptions: MultiheadAttentionForwardOptions = {};
    if (options.padding) forwardOptions.keyPaddingMask = masks[0] as Tensor;
    if (options.mask) forwardOptions.attentionMask = masks[masks.length - 1] as Tensor;
    if (options.needWeights === false) forwardOptions.needWeights = false;
    if (options.average === false) forwardOptions.averageAttentionWeights = false;
    const [output, weights] = (module as MultiheadAttention).forward(query, key, value, forwardOptions);
    return weights ? [output, weights] : [output];
  };
}

describe('MultiheadAttention against PyTorch', () => {
  const cases: Array<[string, () => MultiheadAttention, ReturnType<typeof attend>]> = [
    ['mha', () => new MultiheadAttention(8, 2), attend()],
    ['mha-no-weights', () => new MultiheadAttention(8, 2), attend({ needWeights: false })],
    ['mha-per-head', () => new MultiheadAttention(8, 4), attend({ average: false })],
    ['mha-masks', () => new MultiheadAttention(8, 2), attend({ padding: true, mask: true })],
    ['mha-float-mask', () => new MultiheadAttention(8, 2), attend({ mask: true })],
    ['mha-batch-first', () => new MultiheadAttention(8, 2, { batchFirst: true }), attend({ padding: true })],
    ['mha-kdim-vdim', () => new MultiheadAttention(8, 2, { keyDimension: 6, valueDimension: 4 }), attend()],
    ['mha-bias-kv-zero-attn', () => new MultiheadAttention(8, 2, { addBiasKeyValue: true, addZeroAttention: true }), attend({ padding: true, mask: true })],
    ['mha-no-bias', () => new MultiheadAttention(8, 2, { bias: false }), attend()],
    ['mha-unbatched', () => new MultiheadAttention(8, 2), attend()],
  ];
  for (const [name, create, call] of cases) {
    it(name, () => checkCase(name, create, call));
  }

  it('self-attention (one packed projection) equals separate projections', () => {
    const attention = new MultiheadAttention(8, 2, { generator: new Generator(3) });
    const x = randn([3, 2, 8], { generator: new Generator(4) });
    const copy = clone(x);
    const [packed, packedWeights] = attention.forward(x, x, x);
    const [separate, separateWeights] = attention.forward(x, copy, copy);
    const [a, b] = [packed.dataSync(), separate.dataSync()];
    for (let index = 0; index < a.length; index++) expect(a[index]).toBeCloseTo(b[index] as number, 5);
    expect(packedWeights?.shape).toEqual([2, 3, 3]);
    expect(separateWeights?.shape).toEqual([2, 3, 3]);
    for (const t of [x, copy, packed, separate, packedWeights, separateWeights]) t?.dispose();
    attention.dispose();
  });
});

describe('MultiheadAttention module', () => {
  it('has PyTorch names and default initialisation', () => {
    const attention = new MultiheadAttention(8, 2, { generator: new Generator(1) });
    expectNames(attention, moduleCase('default-mha'));
    expect(Array.from(attention.inProjectionBias?.dataSync() ?? [])).toEqual(new Array(24).fill(0));
    expect(Array.from(attention.outProjection.bias?.dataSync() ?? [])).toEqual(new Array(8).fill(0));
    // Xavier uniform bound for [24, 8]: sqrt(6 / 32).
    const bound = Math.sqrt(6 / 32);
    const weights = Array.from(attention.inProjectionWeight?.dataSync() ?? []);
    expect(Math.max(...weights.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...weights.map(Math.abs))).toBeGreaterThan(0.8 * bound);
    attention.dispose();
  });

  it('trains: gradients reach every parameter, and nothing leaks', () => {
    const attention = new MultiheadAttention(8, 2, { addBiasKeyValue: true, dropout: 0.5, generator: new Generator(2) });
    const query = ones([3, 2, 8]);
    const memoryInput = ones([4, 2, 8]);
    const before = memory();
    tidy(() => {
      const [output, weights] = attention.forward(query, memoryInput, memoryInput);
      expect(weights?.shape).toEqual([2, 3, 5]);
      sum(output).backward();
    });
    for (const [name, parameter] of attention.namedParameters()) expect(parameter.grad?.shape, name).toEqual(parameter.shape);
    attention.zeroGrad();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    query.dispose();
    memoryInput.dispose();
    attention.dispose();
  });

  it('checks shapes', () => {
    const attention = new MultiheadAttention(8, 2);
    const query = ones([3, 2, 8]);
    const wrong = ones([4, 2, 6]);
    const mask = zeros([3, 5]);
    expect(() => new MultiheadAttention(8, 3)).toThrow(/embedDimension = 8 must be divisible by numHeads = 3/);
    expect(() => attention.forward(query, wrong, wrong)).toThrow(/expected 8, 8, 8 features in query, key and value/);
    expect(() => attention.forward(query, query, query, { attentionMask: mask })).toThrow(/attentionMask must be \[3, 3\] or \[4, 3, 3\], got \[3, 5\]/);
    expect(() => attention.forward(query, query, query, { keyPaddingMask: mask })).toThrow(/keyPaddingMask must be \[2, 3\], got \[3, 5\]/);
    for (const t of [query, wrong, mask]) t.dispose();
    attention.dispose();
  });
});
