import { type CpuBackend, type Tensor, createCpuBackend, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneralizedMeanPooling } from './generalized-mean-pooling';
import { GlobalAveragePooling } from './global-average-pooling';
import { LinearNeck } from './linear-neck';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('GeneralizedMeanPooling', () => {
  it('computes mean(x^p)^(1/p) per channel with a learnable p', () => {
    const neck = new GeneralizedMeanPooling({ p: 3 });
    expect([...neck.stateDict().keys()]).toEqual(['p']);
    const x = tensor([1, 2, 3, 4, 0.5, 0.5, 0.5, 0.5], { shape: [1, 2, 2, 2] });
    const [out] = neck.forward([x]) as [Tensor];
    expect(out.shape).toEqual([1, 2]);
    const values = Array.from(out.dataSync());
    expect(values[0]).toBeCloseTo(((1 + 8 + 27 + 64) / 4) ** (1 / 3), 5);
    expect(values[1]).toBeCloseTo(0.5, 5);
    const clamped = Array.from((neck.forward([tensor([-1, -1, -1, -1], { shape: [1, 1, 2, 2] })])[0] as Tensor).dataSync());
    expect(clamped[0]).toBeCloseTo(1e-6, 9);
    expect(() => new GeneralizedMeanPooling({ p: 0.5 })).toThrow(/p must be at least 1, got 0.5/);
    expect(new GeneralizedMeanPooling({ p_trainable: false }).p.requiresGrad).toBe(false);
    x.dispose();
    out.dispose();
    neck.dispose();
  });

  it('has a gradient for p', () => {
    const neck = new GeneralizedMeanPooling();
    const x = randn([2, 3, 2, 2]).abs();
    tidy(() => (neck.forward([x])[0] as Tensor).sum().backward());
    expect(neck.p.grad?.shape).toEqual([1]);
    x.dispose();
    neck.dispose();
  });
});

describe('LinearNeck', () => {
  it('pools, projects and normalises the last feature', () => {
    const neck = new LinearNeck({ in_channels: 4, out_channels: 3, gap_dim: 2, act_cfg: { type: 'ReLU' } });
    expect([...neck.stateDict().keys()]).toEqual(['fc.weight', 'fc.bias', 'norm.weight', 'norm.bias', 'norm.running_mean', 'norm.running_var', 'norm.num_batches_tracked']);
    neck.eval();
    tidy(() => {
      const outs = neck.forward([randn([2, 8, 3, 3]), randn([2, 4, 3, 3])]);
      expect(outs).toHaveLength(1);
      expect(outs[0]?.shape).toEqual([2, 3]);
      expect(Array.from(outs[0]?.dataSync() ?? []).every((value) => value >= 0)).toBe(true);
    });
    const plain = new LinearNeck({ in_channels: 4, out_channels: 2, norm_cfg: null });
    expect([...plain.stateDict().keys()]).toEqual(['fc.weight', 'fc.bias']);
    tidy(() => expect(plain.forward(randn([5, 4]))[0]?.shape).toEqual([5, 2]));
    expect(() => new LinearNeck({ in_channels: 1, out_channels: 1, gap_dim: 4 as 0 })).toThrow(/gap_dim must be 0, 1, 2 or 3, got 4/);
    neck.dispose();
    plain.dispose();
  });
});

describe('GlobalAveragePooling', () => {
  it('averages each feature map', () => {
    const neck = new GlobalAveragePooling();
    tidy(() => {
      const [out] = neck.forward([tensor([1, 2, 3, 6], { shape: [1, 1, 2, 2] })]) as [Tensor];
      expect(Array.from(out.dataSync())).toEqual([3]);
    });
  });
});
