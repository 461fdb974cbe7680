import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, setDefaultBackend } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { mul } from '../ops/arithmetic';
import { ones, tensor, zeros } from '../ops/creation';
import { sum } from '../ops/reduce';
import { Linear } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';
import { Sequential } from './sequential';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

class Normalizer extends Module {
  readonly weight: Parameter;
  readonly runningMean: Tensor;
  readonly count: Tensor;

  constructor() {
    super();
    this.weight = this.registerParameter('weight', ones([3]));
    this.runningMean = this.registerBuffer('running_mean', zeros([3]));
    this.count = this.registerBuffer('num_batches_tracked', tensor(new Int32Array([0]), { shape: [] }));
    this.registerBuffer('scratch', zeros([3]), { persistent: false });
  }

  forward(x: Tensor): Tensor {
    return mul(x, this.weight);
  }
}

function model(): Sequential {
  return new Sequential(new Linear(3, 3), new Normalizer(), new Linear(3, 2, { bias: false }));
}

const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe('stateDict', () => {
  it('holds parameters then persistent buffers of each module, in PyTorch order', () => {
    const network = model();
    const dict = network.stateDict();
    expect([...dict.keys()]).toEqual(['0.weight', '0.bias', '1.weight', '1.running_mean', '1.num_batches_tracked', '2.weight']);
    expect(dict.get('0.weight')).toBe(network.get(0).namedParameters()[0]?.[1]);
    expect([...network.stateDict('backbone.').keys()][0]).toBe('backbone.0.weight');
    network.dispose();
  });

  it('round-trips into another model, copying values and keeping identities', () => {
    const source = model();
    const target = model();
    const targetWeight = target.getParameter('0.weight');
    const before = memory();
    const result = target.loadStateDict(source.stateDict());
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    expect(target.getParameter('0.weight')).toBe(targetWeight);
    expect(targetWeight.requiresGrad).toBe(true);
    for (const [key, value] of source.stateDict()) {
      const copy = target.stateDict().get(key) as Tensor;
      expect(values(copy)).toEqual(values(value));
      expect(copy.storage).not.toBe(value.storage);
    }
    source.dispose();
    target.dispose();
  });

  it('accepts a plain object and converts dtypes', () => {
    const network = new Normalizer();
    const counts = tensor([7.9], { shape: [] });
    const weight = tensor([1, 2, 3]);
    const mean = tensor([0.5, 0.5, 0.5]);
    network.loadStateDict({ weight, running_mean: mean, num_batches_tracked: counts });
    expect(network.count.dtype).toBe('int32');
    expect(network.count.item()).toBe(7);
    expect(values(network.weight)).toEqual([1, 2, 3]);
    for (const t of [counts, weight, mean]) t.dispose();
    network.dispose();
  });

  it('reports missing and unexpected keys, and throws on them in strict mode', () => {
    const network = model();
    const dict = new Map(network.stateDict());
    dict.delete('0.bias');
    dict.delete('1.num_batches_tracked');
    const extra = zeros([1]);
    dict.set('3.weight', extra);
    const weightBefore = values(network.getParameter('2.weight'));
    expect(() => network.loadStateDict(dict)).toThrow(
      /Sequential:\n {2}missing keys: "0.bias", "1.num_batches_tracked"\n {2}unexpected keys: "3.weight"/,
    );
    const result = network.loadStateDict(dict, { strict: false });
    expect(result).toEqual({ missingKeys: ['0.bias', '1.num_batches_tracked'], unexpectedKeys: ['3.weight'] });
    expect(values(network.getParameter('2.weight'))).toEqual(weightBefore);
    extra.dispose();
    network.dispose();
  });

  it('throws on a shape mismatch naming the key and both shapes, copying nothing', () => {
    const network = model();
    const other = new Sequential(new Linear(3, 3), new Normalizer(), new Linear(3, 4, { bias: false }));
    const weightBefore = values(network.getParameter('0.weight'));
    const message = /size mismatch for "2.weight": the state dict has shape \[4, 3\], the module has \[2, 3\]/;
    expect(() => network.loadStateDict(other.stateDict())).toThrow(message);
    expect(() => network.loadStateDict(other.stateDict(), { strict: false })).toThrow(message);
    expect(values(network.getParameter('0.weight'))).toEqual(weightBefore);
    other.dispose();
    network.dispose();
  });
});

describe('Module.to', () => {
  it('moves parameters, buffers and gradients to another backend, keeping identities', async () => {
    const other = createCpuBackend({ threads: 1 });
    const network = model();
    const parameters = network.parameters();
    const snapshot = [...network.stateDict()].map(([key, value]) => [key, values(value)]);
    const loss = sum(network.forward(ones([2, 3])));
    loss.backward();
    loss.dispose();
    const before = memory();
    await network.to(other);
    expect(network.parameters()).toEqual(parameters);
    expect([...network.stateDict()].map(([key, value]) => [key, values(value)])).toEqual(snapshot);
    for (const tensorOf of [...network.parameters(), ...network.buffers()]) expect(tensorOf.backend).toBe(other);
    for (const parameter of network.parameters()) expect(parameter.grad?.backend).toBe(other);
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    // The model now runs on the other backend.
    const x = ones([1, 3], { backend: other });
    const y = network.forward(x);
    expect(y.backend).toBe(other);
    for (const t of [x, y]) t.dispose();
    network.zeroGrad();
    network.dispose();
    expect(other.memory().buffers).toBe(0);
    other.dispose();
  });

  it('loads a state dict from another backend', () => {
    const other = createCpuBackend({ threads: 1 });
    const network = model();
    const weight = tensor([[1, 2, 3], [4, 5, 6]], { backend: other });
    network.loadStateDict({ '2.weight': weight }, { strict: false });
    expect(network.getParameter('2.weight').backend).toBe(backend);
    expect(values(network.getParameter('2.weight'))).toEqual([1, 2, 3, 4, 5, 6]);
    weight.dispose();
    network.dispose();
    other.dispose();
  });
});
