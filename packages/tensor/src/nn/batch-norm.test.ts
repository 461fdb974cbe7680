import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, setDefaultBackend, tidy } from '../core/engine';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { tensor } from '../ops/creation';
import { sum } from '../ops/reduce';
import { BatchNorm1d, BatchNorm2d } from './batch-norm';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('BatchNorm running statistics', () => {
  it('update in training with momentum and the unbiased variance, and count batches', () => {
    const layer = new BatchNorm1d(2);
    const x = tensor([[1, 10], [3, 20], [5, 60]]);
    const y = layer.forward(x);
    // Batch means 3 and 30; unbiased variances 4 and 700.
    expect(Array.from(layer.runningMean?.dataSync() ?? [])).toEqual([0.30000001192092896, 3]);
    const runningVar = Array.from(layer.runningVar?.dataSync() ?? []);
    expect(runningVar[0]).toBeCloseTo(0.9 + 0.4, 5);
    expect(runningVar[1]).toBeCloseTo(0.9 + 70, 3);
    expect(layer.numBatchesTracked?.dtype).toBe('int32');
    expect(layer.numBatchesTracked?.item()).toBe(1);
    y.dispose();
    layer.forward(x).dispose();
    expect(layer.numBatchesTracked?.item()).toBe(2);
    x.dispose();
    layer.dispose();
  });

  it('are used, not updated, in evaluation', () => {
    const layer = new BatchNorm2d(1).eval();
    const x = tensor([[[[1, 2], [3, 4]]]]);
    const y = layer.forward(x);
    // Running mean 0 and variance 1: y = x / sqrt(1 + eps).
    expect(Array.from(y.dataSync()).map((value) => Number(value.toFixed(4)))).toEqual([1, 2, 3, 4]);
    expect(layer.numBatchesTracked?.item()).toBe(0);
    expect(Array.from(layer.runningMean?.dataSync() ?? [])).toEqual([0]);
    for (const t of [x, y]) t.dispose();
    layer.dispose();
  });

  it('keep their identity and do not leak over training steps', () => {
    const layer = new BatchNorm2d(3);
    const runningMean = layer.runningMean;
    const x = tensor(Array.from({ length: 24 }, (_, index) => index % 7), { shape: [2, 3, 2, 2] });
    tidy(() => sum(layer.forward(x)).backward());
    layer.zeroGrad();
    const before = memory();
    for (let step = 0; step < 20; step++) {
      tidy(() => sum(layer.forward(x)).backward());
      layer.zeroGrad();
    }
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    expect(layer.runningMean).toBe(runningMean);
    expect(layer.numBatchesTracked?.item()).toBe(21);
    x.dispose();
    layer.dispose();
  });

  it('with momentum null average cumulatively, also after loading a state dict', () => {
    const layer = new BatchNorm1d(1, { momentum: null });
    const batches = [tensor([[1], [3]]), tensor([[5], [7]]), tensor([[9], [11]])];
    layer.forward(batches[0]!).dispose();
    layer.forward(batches[1]!).dispose();
    expect(layer.runningMean?.item()).toBeCloseTo(4, 6);
    const copy = new BatchNorm1d(1, { momentum: null });
    copy.loadStateDict(layer.stateDict());
    copy.forward(batches[2]!).dispose();
    // The third batch mean (10) enters with weight 1/3.
    expect(copy.runningMean?.item()).toBeCloseTo(6, 5);
    expect(copy.numBatchesTracked?.item()).toBe(3);
    for (const t of batches) t.dispose();
    layer.dispose();
    copy.dispose();
  });
});
