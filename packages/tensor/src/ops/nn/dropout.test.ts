import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { memory, setDefaultBackend } from '../../core/engine';
import { Generator } from '../../random/generator';
import { ones } from '../creation';
import { sum } from '../reduce';
import { dropPath, dropout } from './dropout';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

describe('dropout', () => {
  it('zeroes about p of the elements, scales the rest by 1 / (1 - p), and routes the gradient through the mask', () => {
    const x = ones([100, 100], { requiresGrad: true });
    const y = dropout(x, 0.3, true, new Generator(1));
    const values = y.dataSync();
    const kept = values.filter((value) => value !== 0);
    expect(kept.every((value) => Math.abs(value - 1 / 0.7) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / values.length - 0.7)).toBeLessThan(0.02);
    const loss = sum(y);
    loss.backward();
    expect(Array.from(x.grad!.dataSync())).toEqual(Array.from(values));
    for (const item of [x.grad!, x, y, loss]) item.dispose();
  });

  it('is reproducible with a seeded generator and the identity when not training or p = 0', () => {
    const x = ones([4, 5]);
    const [a, b] = [dropout(x, 0.5, true, new Generator(3)), dropout(x, 0.5, true, new Generator(3))];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const evaluation = dropout(x, 0.5, false);
    const none = dropout(x, 0);
    expect(Array.from(evaluation.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(Array.from(none.dataSync())).toEqual(Array.from(x.dataSync()));
    const all = dropout(x, 1);
    expect(Array.from(all.dataSync()).every((value) => value === 0)).toBe(true);
    expect(() => dropout(x, 1.5)).toThrow(/dropout: the drop probability p must be in \[0, 1\], got 1.5/);
    for (const item of [x, a, b, evaluation, none, all]) item.dispose();
  });
});

describe('dropPath', () => {
  it('drops whole samples and scales the kept ones by 1 / keep', () => {
    const x = ones([64, 3, 2]);
    const y = dropPath(x, 0.25, true, new Generator(5));
    const values = y.dataSync();
    let dropped = 0;
    for (let sample = 0; sample < 64; sample++) {
      const block = Array.from(values.slice(sample * 6, sample * 6 + 6));
      expect(new Set(block).size).toBe(1);
      if (block[0] === 0) dropped++;
      else expect(block[0]).toBeCloseTo(1 / 0.75, 6);
    }
    expect(dropped).toBeGreaterThan(4);
    expect(dropped).toBeLessThan(32);
    const unscaled = dropPath(x, 0.25, true, new Generator(5), false);
    expect(Array.from(unscaled.dataSync()).every((value) => value === 0 || value === 1)).toBe(true);
    for (const item of [x, y, unscaled]) item.dispose();
  });

  it('is the identity when not training and leaks nothing', () => {
    const x = ones([2, 3]);
    const before = memory().tensors;
    const y = dropPath(x, 0.5, false);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    y.dispose();
    expect(memory().tensors).toBe(before);
    x.dispose();
  });
});
