import { type CpuBackend, Generator, arange, createCpuBackend, memory, reshape, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELFSUP_FIXTURE, maxDifference } from '../test-support/selfsup-fixture';
import { randomMasking } from './random-masking';
import { build2dSincosPositionEmbedding } from './sincos-position-embedding';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('build2dSincosPositionEmbedding', () => {
  it("matches MMPretrain's build_2d_sincos_position_embedding with a class token", () => {
    const fixture = SELFSUP_FIXTURE.losses.sincos;
    tidy(() => {
      const value = build2dSincosPositionEmbedding(fixture.resolution, fixture.embed_dims, { clsToken: true });
      expect(value.shape).toEqual(fixture.value.shape);
      expect(maxDifference(value.dataSync(), fixture.value.data)).toBeLessThan(1e-6);
    });
  });

  it('needs embed_dims divisible by 4', () => {
    expect(() => build2dSincosPositionEmbedding(2, 6)).toThrow(/embed_dims must be divisible by 4 .* got 6/);
  });
});

describe('randomMasking', () => {
  it('keeps exactly int(L * (1 - ratio)) tokens per sample, in shuffled order, and ids_restore inverts the shuffle', () => {
    const before = memory().tensors;
    tidy(() => {
      const [batch, length, dims] = [3, 16, 2];
      const x = reshape(arange(0, batch * length * dims, 1, { dtype: 'float32' }), [batch, length, dims]);
      const { xMasked, mask, idsRestore, idsKeep } = randomMasking(x, 0.75, new Generator(7));
      expect(xMasked.shape).toEqual([batch, 4, dims]);
      const maskValues = mask.dataSync();
      const restore = idsRestore.dataSync();
      const keep = idsKeep.dataSync();
      const kept = xMasked.dataSync();
      for (let sample = 0; sample < batch; sample++) {
        const row = Array.from(maskValues.slice(sample * length, (sample + 1) * length));
        expect(row.filter((value) => value === 1)).toHaveLength(12);
        const ranks = Array.from(restore.slice(sample * length, (sample + 1) * length));
        expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, index) => index));
        for (let slot = 0; slot < 4; slot++) {
          const token = keep[sample * 4 + slot] as number;
          // the kept token is unmasked, sits at its rank in the shuffle, and carries its own values
          expect(row[token]).toBe(0);
          expect(ranks[token]).toBe(slot);
          expect(kept[(sample * 4 + slot) * dims]).toBe((sample * length + token) * dims);
        }
        for (let token = 0; token < length; token++) expect(row[token]).toBe((ranks[token] as number) >= 4 ? 1 : 0);
      }
    });
    expect(memory().tensors).toBe(before);
  });

  it('draws a new mask per sample and per call, reproducibly from the generator', () => {
    const masks = tidy(() => {
      const x = arange(0, 2 * 49, 1, { dtype: 'float32' }).reshape([2, 49, 1]);
      const first = Array.from(randomMasking(x, 0.6, new Generator(3)).mask.dataSync());
      const again = Array.from(randomMasking(x, 0.6, new Generator(3)).mask.dataSync());
      const other = Array.from(randomMasking(x, 0.6, new Generator(4)).mask.dataSync());
      return { first, again, other };
    });
    expect(masks.first).toEqual(masks.again);
    expect(masks.first).not.toEqual(masks.other);
    expect(masks.first.slice(0, 49)).not.toEqual(masks.first.slice(49));
    // int(49 * 0.4) = 19 kept, 30 masked
    expect(masks.first.slice(0, 49).reduce((total, value) => total + value, 0)).toBe(30);
  });
});
