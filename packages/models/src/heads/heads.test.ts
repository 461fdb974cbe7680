import { DataSample } from '@mmpt/structures';
import { type CpuBackend, type Tensor, createCpuBackend, memory, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../test-support/fixtures';
import { DeiTClsHead } from './deit-cls-head';
import { MultiLabelClsHead } from './multi-label-cls-head';
import { MultiLabelLinearClsHead } from './multi-label-linear-cls-head';
import { StackedLinearClsHead } from './stacked-linear-cls-head';
import { VisionTransformerClsHead } from './vision-transformer-cls-head';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const keys = (module: { stateDict(): Map<string, Tensor> }) => [...module.stateDict()].map(([name, value]) => `${name}:${value.shape.join('x')}`);

describe('StackedLinearClsHead', () => {
  it('stacks LinearBlocks with MMPretrain names and splits pre_logits from the classifier', () => {
    const head = new StackedLinearClsHead({ num_classes: 5, in_channels: 8, mid_channels: [6, 4], norm_cfg: { type: 'BN1d' }, act_cfg: { type: 'HSwish' }, dropout_rate: 0.2 });
    expect(keys(head)).toEqual([
      'layers.0.fc.weight:6x8', 'layers.0.fc.bias:6', 'layers.0.norm.weight:6', 'layers.0.norm.bias:6', 'layers.0.norm.running_mean:6', 'layers.0.norm.running_var:6', 'layers.0.norm.num_batches_tracked:',
      'layers.1.fc.weight:4x6', 'layers.1.fc.bias:4', 'layers.1.norm.weight:4', 'layers.1.norm.bias:4', 'layers.1.norm.running_mean:4', 'layers.1.norm.running_var:4', 'layers.1.norm.num_batches_tracked:',
      'layers.2.fc.weight:5x4', 'layers.2.fc.bias:5',
    ]);
    head.eval();
    tidy(() => {
      const feats = [randn([3, 8])];
      expect(head.preLogits(feats).shape).toEqual([3, 4]);
      expect(head.forward(feats).shape).toEqual([3, 5]);
    });
    expect(() => new StackedLinearClsHead({ num_classes: 0, in_channels: 8, mid_channels: [4] })).toThrow(/num_classes=0 must be a positive integer/);
    expect(() => new StackedLinearClsHead({ num_classes: 2, in_channels: 8, mid_channels: 4 as unknown as number[] })).toThrow(/mid_channels must be a non-empty list/);
    head.dispose();
  });
});

describe('VisionTransformerClsHead and DeiTClsHead', () => {
  it('uses layers.pre_logits, layers.act and layers.head, zero-initialised except the hidden layer', () => {
    const head = new VisionTransformerClsHead({ num_classes: 3, in_channels: 8, hidden_dim: 6 });
    expect(keys(head)).toEqual(['layers.pre_logits.weight:6x8', 'layers.pre_logits.bias:6', 'layers.head.weight:3x6', 'layers.head.bias:3']);
    head.initWeights();
    expect(Array.from(head.getParameter('layers.head.weight').dataSync()).every((value) => value === 0)).toBe(true);
    expect(Array.from(head.getParameter('layers.pre_logits.weight').dataSync()).some((value) => value !== 0)).toBe(true);
    expect(Array.from(head.getParameter('layers.pre_logits.bias').dataSync()).every((value) => value === 0)).toBe(true);
    tidy(() => {
      const token = randn([2, 8]);
      expect(head.preLogits([token]).shape).toEqual([2, 6]);
      expect(Array.from(head.forward([token]).dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    });
    head.dispose();
    const plain = new VisionTransformerClsHead({ num_classes: 3, in_channels: 8 });
    expect(keys(plain)).toEqual(['layers.head.weight:3x8', 'layers.head.bias:3']);
    plain.dispose();
  });

  it('averages the class-token and distillation-token classifiers', () => {
    const head = new DeiTClsHead({ num_classes: 2, in_channels: 3 });
    expect(keys(head)).toEqual(['layers.head.weight:2x3', 'layers.head.bias:2', 'layers.head_dist.weight:2x3', 'layers.head_dist.bias:2']);
    head.loadStateDict({
      'layers.head.weight': tensor([[1, 0, 0], [0, 1, 0]]),
      'layers.head.bias': tensor([0, 0]),
      'layers.head_dist.weight': tensor([[0, 0, 1], [0, 0, 0]]),
      'layers.head_dist.bias': tensor([1, 1]),
    });
    const before = memory().tensors;
    tidy(() => {
      const scores = head.forward([tensor([[2, 4, 6]]), tensor([[0, 0, 10]])]);
      expect(Array.from(scores.dataSync())).toEqual([(2 + 11) / 2, (4 + 1) / 2]);
    });
    expect(memory().tensors).toBe(before);
    expect(() => head.forward([tensor([[1, 2, 3]])])).toThrow(/expects the class and distillation tokens \(2 features\), got 1/);
    head.dispose();
  });
});

describe('MultiLabelClsHead and MultiLabelLinearClsHead', () => {
  it('computes the sigmoid BCE loss against multi-hot targets, averaged over the batch', () => {
    const head = new MultiLabelClsHead();
    const samples = [new DataSample().setGtLabel([0, 2]), new DataSample().setGtLabel([1])];
    const loss = tidy(() => head.loss([tensor([[2, -1, 0.5], [0, 3, -2]])], samples).loss?.item() as number);
    const bce = (x: number, y: number) => Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    const expected = (bce(2, 1) + bce(-1, 0) + bce(0.5, 1) + bce(0, 0) + bce(3, 1) + bce(-2, 0)) / 2;
    expect(loss).toBeCloseTo(expected, 5);
    const scored = [new DataSample().setGtScore([0.2, 0.8, 0]), new DataSample().setGtScore([1, 0, 0])];
    const softLoss = tidy(() => head.loss([tensor([[0, 0, 0], [0, 0, 0]])], scored).loss?.item() as number);
    expect(softLoss).toBeCloseTo((6 * Math.log(2)) / 2, 5);
    head.dispose();
  });

  it('predicts the labels above thr, or the top k', async () => {
    const byThreshold = new MultiLabelClsHead({ thr: 0.7 });
    const logits = tensor([[2, -1, 0.5, 3]]);
    const [first] = await byThreshold.predict([logits]);
    expect(Array.from(first?.predLabel ?? [])).toEqual([0, 3]);
    expect(first?.predScore?.[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    const byTopk = new MultiLabelClsHead({ topk: 3 });
    const [second] = await byTopk.predict([logits]);
    expect(Array.from(second?.predLabel ?? [])).toEqual([3, 0, 2]);
    const byDefault = new MultiLabelClsHead();
    expect(byDefault.thr).toBe(0.5);
    logits.dispose();
  });

  it('adds a Linear fc with the Normal(0.01) init', () => {
    const head = buildModel<MultiLabelLinearClsHead>({ type: 'MultiLabelLinearClsHead', num_classes: 4, in_channels: 6, loss: { type: 'AsymmetricLoss' } });
    expect(keys(head)).toEqual(['fc.weight:4x6', 'fc.bias:4']);
    head.initWeights();
    const weights = Array.from(head.getParameter('fc.weight').dataSync());
    expect(Math.max(...weights.map(Math.abs))).toBeLessThan(0.06);
    tidy(() => {
      const losses = head.loss([randn([2, 6])], [new DataSample().setGtLabel([1]), new DataSample().setGtLabel([0, 3])]);
      expect(losses.loss?.shape).toEqual([]);
    });
    head.dispose();
  });
});
