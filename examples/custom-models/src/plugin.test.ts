import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@mmpt/config';
import { type ImageClassifier, register as registerModels } from '@mmpt/models';
import { createRegistries, importPlugins } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type CpuBackend, createCpuBackend, memory, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimpleViTClsHead } from './vision-transformer-cls-head';

const configPath = fileURLToPath(new URL('../configs/resnet18_custom-l1_cifar10.ts', import.meta.url));
let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('the custom-models plugin', () => {
  it('builds the guide config through custom_imports and trains a step', async () => {
    const registries = createRegistries();
    registerModels(registries);
    const cfg = await Config.fromFile(configPath, { cfgOptions: ['model.backbone.base_channels=8', 'model.backbone.stem_channels=8', 'model.head.in_channels=64'] });
    await importPlugins(cfg.get<string[]>('custom_imports.imports'), registries, { baseDir: dirname(configPath) });
    const model = registries.models.build(cfg.get('model')) as ImageClassifier;
    expect(model.backbone.constructor.name).toBe('ResNetCifar');
    expect([...model.stateDict().keys()].slice(0, 2)).toEqual(['backbone.conv1.weight', 'backbone.bn1.weight']);
    const samples = [1, 4].map((label) => new DataSample().setGtLabel(label));
    const before = memory().tensors;
    const loss = tidy(() => {
      const value = model.loss(randn([2, 3, 32, 32]), samples).loss;
      value?.backward();
      return value?.item();
    });
    expect(loss).toBeGreaterThan(0);
    expect(model.getParameter('backbone.conv1.weight').grad?.shape).toEqual([8, 3, 3, 3]);
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
    model.dispose();
  });

  it('the simplified ViT head splits pre-logits from the last layer', () => {
    const head = new SimpleViTClsHead({ num_classes: 3, in_channels: 4, hidden_dim: 5 });
    tidy(() => {
      const token = randn([2, 4]);
      expect(head.preLogits([token]).shape).toEqual([2, 5]);
      expect(head.forward([token]).shape).toEqual([2, 3]);
    });
    head.dispose();
  });
});
