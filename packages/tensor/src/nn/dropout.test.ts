import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, setDefaultBackend } from '../core/engine';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { ones } from '../ops/creation';
import { Generator } from '../random/generator';
import { DropPath, Dropout } from './dropout';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('Dropout', () => {
  it('zeroes a fraction p in training and scales the rest by 1 / (1 - p)', () => {
    const layer = new Dropout(0.3, { generator: new Generator(1) });
    const x = ones([100, 100]);
    const y = layer.forward(x);
    const values = Array.from(y.dataSync());
    const zeros = values.filter((value) => value === 0).length / values.length;
    expect(zeros).toBeGreaterThan(0.28);
    expect(zeros).toBeLessThan(0.32);
    for (const value of values) if (value !== 0) expect(value).toBeCloseTo(1 / 0.7, 6);
    y.dispose();
    layer.eval();
    const identity = layer.forward(x);
    expect(Array.from(identity.dataSync()).every((value) => value === 1)).toBe(true);
    identity.dispose();
    x.dispose();
    expect(layer.namedParameters()).toEqual([]);
  });

  it('draws the same mask from the same seed', () => {
    const x = ones([4, 8]);
    const first = new Dropout(0.5, { generator: new Generator(7) }).forward(x);
    const second = new Dropout(0.5, { generator: new Generator(7) }).forward(x);
    expect(Array.from(first.dataSync())).toEqual(Array.from(second.dataSync()));
    for (const t of [x, first, second]) t.dispose();
  });
});

describe('DropPath', () => {
  it('zeroes whole samples in training and scales the kept ones', () => {
    const layer = new DropPath(0.5, { generator: new Generator(2) });
    const x = ones([1000, 2, 3]);
    const before = memory().tensors;
    const y = layer.forward(x);
    expect(memory().tensors).toBe(before + 1);
    const values = y.dataSync();
    let dropped = 0;
    for (let sample = 0; sample < 1000; sample++) {
      const row = Array.from(values.subarray(sample * 6, sample * 6 + 6));
      expect(new Set(row).size).toBe(1);
      expect([0, 2]).toContain(row[0]);
      if (row[0] === 0) dropped++;
    }
    expect(dropped).toBeGreaterThan(440);
    expect(dropped).toBeLessThan(560);
    y.dispose();
    x.dispose();
  });

  it('keeps the scale with scaleByKeep false, and passes through in evaluation', () => {
    const x = ones([50, 4]);
    const unscaled = new DropPath(0.2, { scaleByKeep: false, generator: new Generator(3) }).forward(x);
    expect(new Set(unscaled.dataSync())).toEqual(new Set([0, 1]));
    const layer = new DropPath(0.9).eval();
    const identity = layer.forward(x);
    expect(Array.from(identity.dataSync()).every((value) => value === 1)).toBe(true);
    expect(layer.toString()).toBe('DropPath(drop_prob=0.900)');
    for (const t of [x, unscaled, identity]) t.dispose();
  });
});
