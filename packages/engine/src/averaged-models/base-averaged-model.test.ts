import { BatchNorm1d, type CpuBackend, Linear, type Module, Sequential, type Tensor, createCpuBackend, memory, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExponentialMovingAverage } from './exponential-moving-average';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function load(module: Module<never[], unknown>, values: Record<string, number[]>): void {
  tidy(() => {
    const state = module.stateDict();
    const dict = new Map(Object.entries(values).map(([name, data]) => [name, tensor(data, { shape: (state.get(name) as Tensor).shape, dtype: (state.get(name) as Tensor).dtype })]));
    module.loadStateDict(dict, { strict: false });
  });
}

function values(tensorValue: Tensor | undefined): number[] {
  return Array.from((tensorValue as Tensor).dataSync());
}

describe('BaseAveragedModel', () => {
  it('clones the source under MMEngine keys (steps, module.<name>) and stays independent of it', () => {
    const source = new Sequential(new Linear(2, 2), new BatchNorm1d(2));
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.5 });
    expect([...averaged.stateDict().keys()]).toEqual([
      'steps',
      'module.0.weight',
      'module.0.bias',
      'module.1.weight',
      'module.1.bias',
      'module.1.running_mean',
      'module.1.running_var',
      'module.1.num_batches_tracked',
    ]);
    const initial = values(source.getParameter('0.weight'));
    expect(values(averaged.moduleStateDict().get('0.weight'))).toEqual(initial);
    load(source, { '0.weight': [9, 9, 9, 9] });
    expect(values(averaged.moduleStateDict().get('0.weight'))).toEqual(initial);
    expect(averaged.stateDict().get('steps')?.item()).toBe(0);
    expect(averaged.stateDict().get('steps')?.dtype).toBe('int32');
  });

  it('copies the source on the first update, then averages; steps counts the updates without leaking tensors', () => {
    const source = new Linear(2, 1);
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.5 });
    load(source, { weight: [2, 4], bias: [8] });
    const before = memory().tensors;
    averaged.updateParameters(source);
    expect(values(averaged.moduleStateDict().get('weight'))).toEqual([2, 4]);
    load(source, { weight: [4, 0], bias: [0] });
    averaged.updateParameters(source);
    expect(values(averaged.moduleStateDict().get('weight'))).toEqual([3, 2]);
    expect(values(averaged.moduleStateDict().get('bias'))).toEqual([4]);
    expect(averaged.steps).toBe(2);
    expect(memory().tensors).toBe(before);
    expect(source.getParameter('weight').requiresGrad).toBe(true);
    expect(averaged.moduleStateDict().get('weight')?.requiresGrad).toBe(false);
  });

  it('averages only at every `interval`-th update (steps % interval == 0)', () => {
    const source = new Linear(1, 1, { bias: false });
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.5, interval: 2 });
    const seen: number[] = [];
    for (const value of [0, 8, 4, 100, 8]) {
      load(source, { weight: [value] });
      averaged.updateParameters(source);
      seen.push(values(averaged.moduleStateDict().get('weight'))[0] as number);
    }
    // step 0 copies 0; step 1 skips; step 2: 0.5·0 + 0.5·4 = 2; step 3 skips; step 4: 0.5·2 + 0.5·8 = 5
    expect(seen).toEqual([0, 0, 2, 2, 5]);
    expect(averaged.steps).toBe(5);
    expect(() => new ExponentialMovingAverage({ model: source, interval: 0 })).toThrow(/interval must be a positive integer, got 0/);
  });

  it('copies the buffers (BatchNorm statistics) at every update unless update_buffers', () => {
    const source = new BatchNorm1d(2);
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.5, interval: 3 });
    averaged.updateParameters(source);
    load(source, { weight: [3, 3], running_mean: [4, 8], running_var: [2, 2], num_batches_tracked: [5] });
    averaged.updateParameters(source);
    const state = averaged.moduleStateDict();
    expect(values(state.get('weight'))).toEqual([1, 1]); // not an averaging step (interval 3)
    expect(values(state.get('running_mean'))).toEqual([4, 8]);
    expect(values(state.get('running_var'))).toEqual([2, 2]);
    expect(values(state.get('num_batches_tracked'))).toEqual([5]);
  });

  it('averages the floating buffers too with update_buffers, and leaves integer buffers after the first copy', () => {
    const source = new BatchNorm1d(2);
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.25, update_buffers: true });
    load(source, { running_mean: [4, 8], num_batches_tracked: [3] });
    averaged.updateParameters(source);
    load(source, { running_mean: [8, 0], num_batches_tracked: [7] });
    averaged.updateParameters(source);
    const state = averaged.moduleStateDict();
    expect(values(state.get('running_mean'))).toEqual([5, 6]);
    expect(values(state.get('num_batches_tracked'))).toEqual([3]);
  });

  it('swaps the averaged parameters into a model and back, without copies; buffers too with update_buffers', () => {
    const source = new BatchNorm1d(2);
    const averaged = new ExponentialMovingAverage({ model: source, momentum: 0.5 });
    load(source, { weight: [2, 2] });
    averaged.updateParameters(source);
    load(source, { weight: [4, 6], running_mean: [1, 1] });
    averaged.updateParameters(source);
    const weight = source.getParameter('weight');
    averaged.swapWith(source);
    expect(source.getParameter('weight')).toBe(weight);
    expect(values(weight)).toEqual([3, 4]);
    expect(values(averaged.moduleStateDict().get('weight'))).toEqual([4, 6]);
    expect(values(source.getBuffer('running_mean'))).toEqual([1, 1]);
    averaged.swapWith(source);
    expect(values(weight)).toEqual([4, 6]);
    expect(values(averaged.moduleStateDict().get('weight'))).toEqual([3, 4]);

    const withBuffers = new ExponentialMovingAverage({ model: source, momentum: 0.5, update_buffers: true });
    load(source, { running_mean: [7, 7] });
    withBuffers.swapWith(source);
    expect(values(source.getBuffer('running_mean'))).toEqual([1, 1]);
    expect(values(withBuffers.moduleStateDict().get('running_mean'))).toEqual([7, 7]);
  });

  it('loads its state dict back, steps included, and names missing or unexpected keys', async () => {
    const source = new Linear(2, 1);
    const first = new ExponentialMovingAverage({ model: source, momentum: 0.5 });
    load(source, { weight: [1, 2], bias: [3] });
    first.updateParameters(source);
    first.updateParameters(source);
    first.updateParameters(source);
    const second = new ExponentialMovingAverage({ model: new Linear(2, 1), momentum: 0.5 });
    await second.loadStateDict(first.stateDict());
    expect(second.steps).toBe(3);
    expect(values(second.moduleStateDict().get('weight'))).toEqual([1, 2]);
    await expect(second.loadStateDict(new Map([['module.weight', tensor([[0, 0]])]]))).rejects.toThrow(/missing key "steps"/);
    const report = await second.loadStateDict(new Map([['module.weight', tensor([[5, 6]])], ['extra', tensor([1])]]), { strict: false });
    expect(report).toEqual({ missingKeys: ['steps', 'module.bias'], unexpectedKeys: ['extra'] });
    expect(second.steps).toBe(3);
    expect(values(second.moduleStateDict().get('weight'))).toEqual([5, 6]);
    expect(() => second.loadModuleStateDict(new Map([['weight', tensor([1, 2, 3])]]), { strict: false })).toThrow(/size mismatch for "weight"/);
  });

  it('keeps the copy beside the model and frees it on dispose', () => {
    const source = new Linear(2, 1);
    expect(() => new ExponentialMovingAverage({ model: source, device: 'webgpu:0' })).toThrow(/device "webgpu:0" differs from the model's device "cpu"/);
    const before = memory().tensors;
    const averaged = new ExponentialMovingAverage({ model: source, device: 'cpu' });
    averaged.stateDict();
    averaged.dispose();
    expect(memory().tensors).toBe(before);
    expect(() => averaged.updateParameters(source)).toThrow(/was disposed/);
  });
});
