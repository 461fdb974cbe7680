import { createRegistries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type CpuBackend, createCpuBackend, memory, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../register';
import type { ImageClassifier } from './image-classifier';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function lenetClassifier(): ImageClassifier {
  const registries = createRegistries();
  register(registries);
  return registries.models.build({
    type: 'ImageClassifier',
    backbone: { type: 'LeNet5', num_classes: 10 },
    neck: null,
    head: { type: 'ClsHead', loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 }, cal_acc: true },
    data_preprocessor: { mean: [33.46], std: [78.87] },
  }) as ImageClassifier;
}

describe('ImageClassifier', () => {
  it('builds LeNet-5 from a config, computes the loss and its gradients, and predicts', async () => {
    const model = lenetClassifier();
    model.initWeights();
    const samples = [0, 3, 7].map((label) => new DataSample().setGtLabel(label));
    const before = memory().tensors;
    const lossValue = tidy(() => {
      const batch = model.dataPreprocessor.forward({ inputs: randn([3, 1, 32, 32], { mean: 100, std: 50 }), data_samples: samples }, true) as { inputs: import('@mmpt/tensor').Tensor };
      const losses = model.loss(batch.inputs, samples);
      expect(Object.keys(losses)).toEqual(['loss', 'accuracy_top-1']);
      losses.loss?.backward();
      return losses.loss?.item() ?? Number.NaN;
    });
    // An untrained 10-class classifier starts near log(10).
    expect(lossValue).toBeGreaterThan(1.5);
    expect(lossValue).toBeLessThan(3.5);
    expect(model.getParameter('backbone.features.0.weight').grad?.shape).toEqual([6, 1, 5, 5]);
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
    const input = randn([2, 1, 32, 32]);
    const predictions = await model.predict(input);
    input.dispose();
    expect(predictions).toHaveLength(2);
    expect(predictions[0]?.predScore?.length).toBe(10);
    expect(predictions[0]?.predScore?.reduce((total, value) => total + value, 0)).toBeCloseTo(1, 5);
    expect(predictions[0]?.predLabel?.length).toBe(1);
    model.dispose();
  });

  it('extracts features at each stage', () => {
    const registries = createRegistries();
    register(registries);
    const model = registries.models.build({
      type: 'ImageClassifier',
      backbone: { type: 'ResNet_CIFAR', depth: 18 },
      neck: { type: 'GlobalAveragePooling' },
      head: { type: 'LinearClsHead', num_classes: 10, in_channels: 512 },
    }) as ImageClassifier;
    model.eval();
    tidy(() => {
      const x = randn([2, 3, 32, 32]);
      expect(model.extractFeat(x, 'backbone')[0]?.shape).toEqual([2, 512, 4, 4]);
      expect(model.extractFeat(x, 'neck')[0]?.shape).toEqual([2, 512]);
      expect(model.forward(x).shape).toEqual([2, 10]);
    });
    expect([...model.stateDict().keys()]).toContain('head.fc.weight');
    model.dispose();
  });

  it('names a config it cannot build', () => {
    const registries = createRegistries();
    register(registries);
    expect(() => registries.models.build({ type: 'ImageClassifier', backbone: { type: 'ResNt', depth: 18 } })).toThrow(
      /"ResNt" is not registered in the model registry \(scope "mmpt"\)\. Did you mean "ResNet"/,
    );
  });

  it('applies train_cfg.augments in training through the data preprocessor', () => {
    const registries = createRegistries();
    register(registries);
    const model = registries.models.build({
      type: 'ImageClassifier',
      backbone: { type: 'ResNet_CIFAR', depth: 18, base_channels: 8, stem_channels: 8 },
      neck: { type: 'GlobalAveragePooling' },
      head: { type: 'LinearClsHead', num_classes: 10, in_channels: 64, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
      train_cfg: { augments: [{ type: 'Mixup', alpha: 0.8 }, { type: 'CutMix', alpha: 1.0 }] },
      data_preprocessor: { num_classes: 10 },
    }) as ImageClassifier;
    const preprocessor = model.dataPreprocessor as import('../data-preprocessors/cls-data-preprocessor').ClsDataPreprocessor;
    expect(preprocessor.batchAugments?.augments.map((augment) => augment?.constructor.name)).toEqual(['Mixup', 'CutMix']);
    expect(preprocessor.toOnehot).toBe(true);
    const samples = [1, 4, 7, 9].map((label) => new DataSample().setGtLabel(label));
    const input = randn([4, 3, 16, 16]);
    const batch = preprocessor.forward({ inputs: input, data_samples: samples }, true);
    input.dispose();
    for (const sample of samples) {
      expect(sample.gtScore?.length).toBe(10);
      expect(Array.from(sample.gtScore ?? []).reduce((total, value) => total + value, 0)).toBeCloseTo(1, 5);
    }
    const loss = tidy(() => {
      const losses = model.loss(batch.inputs, samples);
      losses.loss?.backward();
      return losses.loss?.item() ?? Number.NaN;
    });
    batch.inputs.dispose();
    expect(Number.isFinite(loss)).toBe(true);
    expect(model.getParameter('head.fc.weight').grad?.shape).toEqual([10, 64]);
    model.dispose();
  });

  it('gives one-hot scores with to_onehot and leaves inputs unmixed outside training', () => {
    const registries = createRegistries();
    register(registries);
    const preprocessor = registries.models.build({ type: 'ClsDataPreprocessor', to_onehot: true, num_classes: 3, batch_augments: { augments: { type: 'Mixup', alpha: 1 } } }) as import('../data-preprocessors/cls-data-preprocessor').ClsDataPreprocessor;
    const samples = [new DataSample().setGtLabel(2), new DataSample().setGtLabel(0)];
    const input = randn([2, 3, 4, 4]);
    const batch = preprocessor.forward({ inputs: input, data_samples: samples }, false);
    expect(Array.from(batch.inputs.dataSync())).toEqual(Array.from(input.dataSync()));
    expect(samples.map((sample) => Array.from(sample.gtScore ?? []))).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    input.dispose();
    batch.inputs.dispose();
    const missing = registries.models.build({ type: 'ClsDataPreprocessor', to_onehot: true }) as typeof preprocessor;
    const other = randn([1, 3, 4, 4]);
    expect(() => missing.forward({ inputs: other, data_samples: [new DataSample().setGtLabel(1)] })).toThrow(/cannot make one-hot labels: set num_classes/);
    other.dispose();
  });

  it('assigns layer depths through the backbone for layer-wise decay', () => {
    const registries = createRegistries();
    register(registries);
    const model = registries.models.build({
      type: 'ImageClassifier',
      backbone: { type: 'VisionTransformer', arch: { embed_dims: 16, num_layers: 2, num_heads: 2, feedforward_channels: 32 }, img_size: 32, patch_size: 8 },
      neck: null,
      head: { type: 'VisionTransformerClsHead', num_classes: 5, in_channels: 16 },
    }) as ImageClassifier;
    expect(model.getLayerDepth('backbone.pos_embed')).toEqual([0, 4]);
    expect(model.getLayerDepth('backbone.layers.1.ln2.weight')).toEqual([2, 4]);
    expect(model.getLayerDepth('head.layers.head.bias')).toEqual([3, 4]);
    tidy(() => {
      const x = randn([2, 3, 32, 32]);
      expect(model.extractFeat(x, 'pre_logits')[0]?.shape).toEqual([2, 16]);
    });
    model.dispose();
    const resnet = registries.models.build({ type: 'ImageClassifier', backbone: { type: 'ResNet', depth: 18, base_channels: 8, stem_channels: 8 } }) as ImageClassifier;
    expect(() => resnet.getLayerDepth('backbone.conv1.weight')).toThrow(/the backbone ResNet does not define layer depths/);
    resnet.dispose();
  });
});
