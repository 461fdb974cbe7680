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
});
