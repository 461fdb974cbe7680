import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestModelNames, listModels, resolveModel } from './list-models';

function configsFolder(): string {
  const configs = join(mkdtempSync(join(tmpdir(), 'mmpt-configs-')), 'configs');
  for (const [folder, name] of [
    ['lenet', 'lenet5_1xb128-coslr-15e_mnist'],
    ['resnet', 'resnet18_8xb16_cifar10'],
    ['resnet', 'resnet50_8xb32_in1k'],
    ['_base_/models', 'resnet18_cifar'],
  ] as const) {
    mkdirSync(join(configs, folder), { recursive: true });
    writeFileSync(join(configs, folder, `${name}.ts`), 'export default {};\n');
  }
  return configs;
}

describe('resolveModel', () => {
  const configs = configsFolder();

  it('resolves model names and leaves existing files', () => {
    expect(resolveModel('resnet18_8xb16_cifar10', configs)).toBe(join(configs, 'resnet', 'resnet18_8xb16_cifar10.ts'));
    const file = join(configs, 'lenet', 'lenet5_1xb128-coslr-15e_mnist.ts');
    expect(resolveModel(file, configs)).toBe(file);
    expect(listModels(undefined, configs)).not.toContain('resnet18_cifar');
  });

  it('says a path is missing, and a name is unknown with the closest names', () => {
    expect(() => resolveModel('configs/resnet/resnet19.ts', configs)).toThrow('Config file not found: configs/resnet/resnet19.ts');
    expect(() => resolveModel('resnet18_8xb16_cifar100', configs)).toThrow(
      'Unknown model name "resnet18_8xb16_cifar100": it is neither a config file nor a model of the zoo; closest: resnet18_8xb16_cifar10',
    );
    expect(() => resolveModel('vgg', configs)).toThrow(/; run `mmpt list-models` to see them$/);
  });

  it('falls back to shared name parts when no name is close', () => {
    const names = listModels(undefined, configs);
    expect(closestModelNames('resnet_cifar', names)).toEqual(['resnet18_8xb16_cifar10', 'resnet50_8xb32_in1k']);
    expect(closestModelNames('mnist', names)).toEqual(['lenet5_1xb128-coslr-15e_mnist']);
  });
});
