import { BatchNorm1d, type CpuBackend, Linear, Sequential, createCpuBackend, memory, noGrad, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDifference } from '../test-support/selfsup-fixture';
import { CosineEMA } from './cosine-ema';
import { ExponentialMovingAverage } from './exponential-moving-average';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function setValues(layer: Linear, weight: number[], bias: number[]): void {
  tidy(() => layer.loadStateDict(new Map([['weight', tensor(weight, { shape: [1, 2] })], ['bias', tensor(bias)]])));
}

describe('ExponentialMovingAverage', () => {
  it('copies the source on the first update, then moves by avg = (1 - m) avg + m source, counting steps', () => {
    const source = new Linear(2, 1);
    const ema = new ExponentialMovingAverage({ model: new Linear(2, 1), momentum: 0.25 });
    expect([...ema.stateDict().keys()]).toEqual(['steps', 'module.weight', 'module.bias']);
    expect(ema.module.parameters().every((parameter) => !parameter.requiresGrad)).toBe(true);
    setValues(source, [1, 2], [3]);
    const before = memory().tensors;
    ema.updateParameters(source);
    expect(Array.from(ema.module.getParameter('weight').dataSync())).toEqual([1, 2]);
    expect(ema.stepCount).toBe(1);
    setValues(source, [5, -2], [7]);
    ema.updateParameters(source);
    expect(maxDifference(ema.module.getParameter('weight').dataSync(), [0.75 * 1 + 0.25 * 5, 0.75 * 2 + 0.25 * -2])).toBeLessThan(1e-6);
    expect(maxDifference(ema.module.getParameter('bias').dataSync(), [0.75 * 3 + 0.25 * 7])).toBeLessThan(1e-6);
    expect(ema.steps.item()).toBe(2);
    expect(memory().tensors).toBe(before);
  });

  it('updates only every `interval` steps, and copies the buffers from the source unless update_buffers', () => {
    const source = new Sequential(new Linear(2, 2), new BatchNorm1d(2));
    const ema = new ExponentialMovingAverage({ model: new Sequential(new Linear(2, 2), new BatchNorm1d(2)), momentum: 0.5, interval: 2 });
    ema.updateParameters(source);
    const initial = Array.from(ema.module.getParameter('0.weight').dataSync());
    noGrad(() => tidy(() => source.loadStateDict(new Map([['0.weight', tensor([[1, 1], [1, 1]])], ['1.running_mean', tensor([4, 8])]]), { strict: false })));
    ema.updateParameters(source);
    expect(Array.from(ema.module.getParameter('0.weight').dataSync())).toEqual(initial);
    expect(Array.from(ema.module.getBuffer('1.running_mean').dataSync())).toEqual([4, 8]);
    ema.updateParameters(source);
    expect(maxDifference(ema.module.getParameter('0.weight').dataSync(), initial.map((value) => 0.5 * value + 0.5))).toBeLessThan(1e-6);
  });

  it('averages the buffers too with update_buffers', () => {
    const source = new BatchNorm1d(2);
    const ema = new ExponentialMovingAverage({ model: new BatchNorm1d(2), momentum: 0.5, update_buffers: true });
    ema.updateParameters(source);
    tidy(() => source.loadStateDict(new Map([['running_mean', tensor([2, 4])]]), { strict: false }));
    ema.updateParameters(source);
    expect(Array.from(ema.module.getBuffer('running_mean').dataSync())).toEqual([1, 2]);
  });
});

describe('CosineEMA', () => {
  it('anneals the momentum from momentum to end_momentum along a cosine over max_iters', () => {
    const ema = new CosineEMA({ model: new Linear(2, 1), momentum: 0.01, end_momentum: 1 });
    expect(ema.momentum).toBe(0.01);
    expect(() => ema.momentumAt(1)).toThrow(/max_iters is unknown/);
    ema.setRuntimeInfo({ max_iters: 100 });
    expect(ema.momentumAt(0)).toBeCloseTo(0.01, 12);
    expect(ema.momentumAt(50)).toBeCloseTo(0.505, 12);
    expect(ema.momentumAt(100)).toBeCloseTo(1, 12);
    expect(ema.momentumAt(25)).toBeCloseTo(1 - 0.99 * (Math.cos(Math.PI / 4) + 1) / 2, 12);
  });

  it('updates with the momentum of the current step', () => {
    const source = new Linear(2, 1);
    const ema = new CosineEMA({ model: new Linear(2, 1), momentum: 0.2, end_momentum: 1 });
    ema.setRuntimeInfo({ max_iters: 4 });
    setValues(source, [0, 0], [0]);
    ema.updateParameters(source);
    setValues(source, [1, 1], [1]);
    ema.updateParameters(source);
    const momentum = 1 - 0.8 * (Math.cos(Math.PI / 4) + 1) / 2;
    expect(maxDifference(ema.module.getParameter('weight').dataSync(), [momentum, momentum])).toBeLessThan(1e-6);
  });
});
