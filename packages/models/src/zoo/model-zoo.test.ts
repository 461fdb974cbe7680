import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CpuBackend, createCpuBackend, noGrad, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageClassifier } from '../classifiers/image-classifier';
import { FIXTURES, parityInputs, parityPath, relativeError } from '../test-support/fixtures';
import { findModelConfigs, getModel, listModels } from './model-zoo';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const zoo = join(FIXTURES, 'zoo');
const loadJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('model zoo', () => {
  it('lists the configs of the repository by name, leaving out _base_', () => {
    const repositoryConfigs = join(FIXTURES, '..', '..', '..', '..', 'configs');
    const names = listModels(undefined, { configDir: repositoryConfigs });
    expect(names).toContain('resnet18_8xb16_cifar10');
    expect(names).toContain('lenet5_1xb128-coslr-15e_mnist');
    expect(names.some((name) => name.includes('_base_') || name === 'default_runtime')).toBe(false);
    expect(listModels('resnet*', { configDir: repositoryConfigs }).every((name) => name.startsWith('resnet'))).toBe(true);
  });

  it('matches patterns as fnmatch, or by substring without wildcards', () => {
    expect(listModels(undefined, { configDir: zoo })).toEqual(['lenet5_1xb128-coslr-15e_mnist', 'resnet18-narrow_8xb16_cifar10']);
    expect(listModels('*CIFAR10', { configDir: zoo })).toEqual(['resnet18-narrow_8xb16_cifar10']);
    expect(listModels('lenet?_*', { configDir: zoo })).toEqual(['lenet5_1xb128-coslr-15e_mnist']);
    expect(listModels('mnist', { configDir: zoo })).toEqual(['lenet5_1xb128-coslr-15e_mnist']);
    expect(findModelConfigs(zoo).get('resnet18-narrow_8xb16_cifar10')).toBe(join(zoo, 'resnet', 'resnet18-narrow_8xb16_cifar10.json'));
  });

  it('builds a model by name and loads pretrained weights', async () => {
    const model = await getModel<ImageClassifier>('resnet18-narrow_8xb16_cifar10', { configDir: zoo, loadConfig: loadJson, pretrained: parityPath('resnet18-narrow.pth') });
    model.eval();
    // The backbone's Pretrained init_cfg of the config is dropped when pretrained weights are given.
    expect(JSON.stringify((model.backbone as unknown as { initCfg: unknown }).initCfg)).not.toContain('Pretrained');
    const [{ input, logits }] = parityInputs('resnet18-narrow') as [ReturnType<typeof parityInputs>[number]];
    expect(tidy(() => noGrad(() => relativeError(model.forward(input), logits)))).toBeLessThan(1e-4);
    input.dispose();
    logits.dispose();
    model.dispose();
  });

  it('reads a repository config (a .ts file with _base_) through @mmpt/config when no loader is given', async () => {
    const repositoryConfigs = join(FIXTURES, '..', '..', '..', '..', 'configs');
    const model = await getModel<ImageClassifier>('lenet5_1xb128-coslr-15e_mnist', { configDir: repositoryConfigs });
    expect(model.constructor.name).toBe('ImageClassifier');
    expect(model.backbone.constructor.name).toBe('LeNet5');
    model.dispose();
  });

  it('names the closest configs of an unknown name', async () => {
    await expect(getModel('resnet18-narow_8xb16_cifar10', { configDir: zoo, loadConfig: loadJson })).rejects.toThrow(
      /no model config named "resnet18-narow_8xb16_cifar10" in .*zoo\. Did you mean "resnet18-narrow_8xb16_cifar10"/,
    );
  });
});
