import { DataSample } from '@mmpt/structures';
import { type CpuBackend, createCpuBackend, memory, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../test-support/fixtures';
import type { ImageClassifier } from './image-classifier';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const configs: Record<string, Record<string, unknown>> = {
  'VisionTransformer (drop path, avg_featmap)': {
    backbone: { type: 'VisionTransformer', arch: { embed_dims: 16, num_layers: 2, num_heads: 2, feedforward_channels: 32 }, img_size: 32, patch_size: 8, drop_path_rate: 0.2, drop_rate: 0.1, out_type: 'avg_featmap' },
    head: { type: 'LinearClsHead', num_classes: 4, in_channels: 16 },
  },
  'SwinTransformer (drop path)': {
    backbone: { type: 'SwinTransformer', arch: { embed_dims: 8, depths: [2, 2], num_heads: [2, 2] }, window_size: 4, img_size: 32, out_indices: [1], drop_path_rate: 0.3 },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'LinearClsHead', num_classes: 4, in_channels: 16, loss: { type: 'LabelSmoothLoss', label_smooth_val: 0.1 } },
  },
  'ConvNeXt (drop path)': {
    backbone: { type: 'ConvNeXt', arch: { depths: [1, 1, 1, 1], channels: [8, 8, 16, 16] }, drop_path_rate: 0.2 },
    head: { type: 'StackedLinearClsHead', num_classes: 4, in_channels: 16, mid_channels: [8], dropout_rate: 0.2 },
  },
  'EfficientNet (drop path, GeM)': {
    backbone: { type: 'EfficientNet', arch: [0.25, 0.3], drop_path_rate: 0.2 },
    neck: { type: 'GeneralizedMeanPooling' },
    head: { type: 'LinearClsHead', num_classes: 4, in_channels: 320, loss: { type: 'FocalLoss' } },
  },
  'MobileNetV3 (multi-label)': {
    backbone: { type: 'MobileNetV3', arch: 'small_050' },
    neck: { type: 'GlobalAveragePooling' },
    head: { type: 'MultiLabelLinearClsHead', num_classes: 4, in_channels: 288, loss: { type: 'AsymmetricLoss' } },
  },
};

describe('a training step', () => {
  for (const [name, parts] of Object.entries(configs)) {
    it(`${name}: computes gradients of every trainable parameter and does not grow memory`, () => {
      const model = buildModel<ImageClassifier>({ type: 'ImageClassifier', neck: null, ...parts });
      model.initWeights();
      model.train();
      const samples = [0, 1, 2].map((label) => new DataSample().setGtLabel(label === 2 ? [1, 3] : [label]));
      const input = randn([3, 3, 32, 32]);
      const step = () =>
        tidy(() => {
          const losses = model.loss(input, name.includes('multi-label') ? samples : samples.map((sample, index) => new DataSample().setGtLabel(index)));
          losses.loss?.backward();
          return losses.loss?.item() ?? Number.NaN;
        });
      const first = step();
      expect(Number.isFinite(first)).toBe(true);
      const missing = model.namedParameters().filter(([, parameter]) => parameter.requiresGrad && !parameter.grad).map(([key]) => key);
      expect(missing).toEqual([]);
      model.zeroGrad();
      const before = memory().tensors;
      step();
      model.zeroGrad();
      expect(memory().tensors).toBe(before);
      input.dispose();
      model.dispose();
    });
  }
});
