import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, setDefaultBackend } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { empty, tensor } from '../ops/creation';
import { Generator } from '../random/generator';
import * as init from './init';
import { Parameter } from './parameter';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function statistics(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const values = t.dataSync();
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    total += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const mean = total / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}

/** A parameter of the given shape (about 100k elements for statistics). */
function parameter(shape: number[]): Parameter {
  return Parameter.take(empty(shape));
}

describe('calculateGain and calculateFanInAndFanOut', () => {
  it('match torch.nn.init', () => {
    expect(init.calculateGain('linear')).toBe(1);
    expect(init.calculateGain('conv_transpose2d')).toBe(1);
    expect(init.calculateGain('sigmoid')).toBe(1);
    expect(init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    expect(init.calculateGain('relu')).toBeCloseTo(Math.SQRT2, 12);
    expect(init.calculateGain('leaky_relu')).toBeCloseTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 12);
    expect(init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(1.3867504905630728, 12);
    expect(init.calculateGain('leaky_relu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(init.calculateGain('selu')).toBe(0.75);
    expect(() => init.calculateGain('swish' as init.Nonlinearity)).toThrow(/unsupported nonlinearity "swish"/);
  });

  it('computes fans with the receptive field', () => {
    const conv = empty([8, 4, 3, 3]);
    const linear = empty([5, 7]);
    const vector = empty([5]);
    expect(init.calculateFanInAndFanOut(conv)).toEqual({ fanIn: 36, fanOut: 72 });
    expect(init.calculateFanInAndFanOut(linear)).toEqual({ fanIn: 7, fanOut: 5 });
    expect(() => init.calculateFanInAndFanOut(vector)).toThrow(/shape \[5\] \(fewer than 2 dimensions\)/);
    for (const t of [conv, linear, vector]) t.dispose();
  });
});

describe('initialisers', () => {
  it('replace values in place, keeping the handle and memory', () => {
    const weight = parameter([16, 8]);
    const storage = weight.storage;
    const before = memory();
    expect(init.kaimingUniform(weight)).toBe(weight);
    expect(weight.storage).not.toBe(storage);
    expect(weight.requiresGrad).toBe(true);
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    weight.dispose();
  });

  it('kaimingUniform with a = √5 is bounded by 1/√fan_in (PyTorch Linear default)', () => {
    const weight = parameter([256, 400]);
    init.kaimingUniform(weight, { a: Math.sqrt(5), generator: new Generator(1) });
    const bound = 1 / Math.sqrt(400);
    const stats = statistics(weight);
    expect(stats.max).toBeLessThanOrEqual(bound);
    expect(stats.min).toBeGreaterThanOrEqual(-bound);
    expect(stats.max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(stats.mean)).toBeLessThan(0.01 * bound);
    expect(stats.std).toBeCloseTo(bound / Math.sqrt(3), 3);
    weight.dispose();
  });

  it('kaimingUniform with relu and fan_out', () => {
    const weight = parameter([64, 32, 3, 3]);
    init.kaimingUniform(weight, { mode: 'fan_out', nonlinearity: 'relu', generator: new Generator(2) });
    const bound = Math.SQRT2 * Math.sqrt(3 / (64 * 9));
    const stats = statistics(weight);
    expect(stats.max).toBeLessThanOrEqual(bound);
    expect(stats.max).toBeGreaterThan(0.99 * bound);
    expect(stats.min).toBeGreaterThanOrEqual(-bound);
    weight.dispose();
  });

  it('kaimingNormal has std gain/√fan', () => {
    const weight = parameter([64, 32, 7, 7]);
    init.kaimingNormal(weight, { mode: 'fan_out', nonlinearity: 'relu', generator: new Generator(3) });
    const stats = statistics(weight);
    expect(Math.abs(stats.mean)).toBeLessThan(0.002);
    expect(stats.std / (Math.SQRT2 / Math.sqrt(64 * 49))).toBeCloseTo(1, 2);
    weight.dispose();
  });

  it('xavierUniform and xavierNormal use fan_in + fan_out', () => {
    const weight = parameter([300, 200]);
    init.xavierUniform(weight, { gain: 2, generator: new Generator(4) });
    const bound = 2 * Math.sqrt(6 / 500);
    let stats = statistics(weight);
    expect(stats.max).toBeLessThanOrEqual(bound);
    expect(stats.max).toBeGreaterThan(0.99 * bound);
    expect(stats.min).toBeGreaterThanOrEqual(-bound);
    init.xavierNormal(weight, { generator: new Generator(5) });
    stats = statistics(weight);
    expect(stats.std / Math.sqrt(2 / 500)).toBeCloseTo(1, 2);
    weight.dispose();
  });

  it('uniform, normal and truncatedNormal', () => {
    const weight = parameter([100, 1000]);
    init.uniform(weight, { a: 2, b: 5, generator: new Generator(6) });
    let stats = statistics(weight);
    expect(stats.min).toBeGreaterThanOrEqual(2);
    expect(stats.max).toBeLessThan(5);
    expect(stats.mean).toBeCloseTo(3.5, 2);
    init.normal(weight, { mean: 1, std: 0.5, generator: new Generator(7) });
    stats = statistics(weight);
    expect(stats.mean).toBeCloseTo(1, 2);
    expect(stats.std).toBeCloseTo(0.5, 2);
    init.truncatedNormal(weight, { std: 0.02, a: -0.02, b: 0.02, generator: new Generator(8) });
    stats = statistics(weight);
    expect(stats.min).toBeGreaterThanOrEqual(-0.02);
    expect(stats.max).toBeLessThanOrEqual(0.02);
    // A normal truncated to ±1σ has a standard deviation of about 0.5376σ.
    expect(stats.std / 0.02).toBeCloseTo(0.5376, 2);
    weight.dispose();
  });

  it('constant, zeros and ones keep the dtype', () => {
    const counts = tensor(new Int32Array([3, 4]));
    init.constant(counts, 9);
    expect(counts.dtype).toBe('int32');
    expect(Array.from(counts.dataSync())).toEqual([9, 9]);
    init.zeros(counts);
    expect(Array.from(counts.dataSync())).toEqual([0, 0]);
    init.ones(counts);
    expect(Array.from(counts.dataSync())).toEqual([1, 1]);
    counts.dispose();
  });

  it('draws reproducibly from a generator', () => {
    const a = parameter([4, 4]);
    const b = parameter([4, 4]);
    init.kaimingNormal(a, { generator: new Generator(42) });
    init.kaimingNormal(b, { generator: new Generator(42) });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    a.dispose();
    b.dispose();
  });

  it('rejects integer tensors and bad modes', () => {
    const counts = tensor(new Int32Array([1, 2, 3, 4]), { shape: [2, 2] });
    expect(() => init.normal(counts)).toThrow(/normal: the tensor must be floating point, got int32/);
    const weight = parameter([2, 2]);
    expect(() => init.kaimingUniform(weight, { mode: 'fan' as init.FanMode })).toThrow(/mode must be "fan_in" or "fan_out"/);
    counts.dispose();
    weight.dispose();
  });
});
