import { describe, expect, it } from 'vitest';
import { Registry } from './registry';
import { REGISTRY_KEYS, createChildRegistries, createRegistries } from './root-registries';
import type { BuildContext } from './types';

describe('createRegistries', () => {
  it('creates every root registry MMPretrain uses, empty and independent', () => {
    const first = createRegistries();
    const second = createRegistries();
    expect(REGISTRY_KEYS).toEqual([
      'models',
      'datasets',
      'dataSamplers',
      'transforms',
      'batchAugments',
      'optimizers',
      'optimWrappers',
      'optimWrapperConstructors',
      'parameterSchedulers',
      'metrics',
      'evaluators',
      'hooks',
      'loops',
      'visualizers',
      'visBackends',
      'weightInitializers',
    ]);
    for (const key of REGISTRY_KEYS) {
      expect(first[key]).toBeInstanceOf(Registry);
      expect(first[key].size).toBe(0);
      expect(first[key].scope).toBe('mmpt');
      expect(first[key]).not.toBe(second[key]);
    }
    expect(first.models.name).toBe('model');
    expect(first.parameterSchedulers.name).toBe('parameter scheduler');
  });

  it('creates child registries for a plugin scope', () => {
    class Root {}
    class Mine {}
    const root = createRegistries();
    root.models.register(Root);
    const plugin = createChildRegistries(root, 'myplugin');
    plugin.models.register(Mine);
    expect(plugin.models.get('Root')).toBe(Root);
    expect(root.models.get('myplugin.Mine')).toBe(Mine);
    expect(plugin.metrics.parent).toBe(root.metrics);
  });

  it('gives built modules the registry and its set of registries', () => {
    const registries = createRegistries();
    class Pipeline {
      readonly steps: unknown[];
      constructor(options: { steps: Array<{ type: string }> }, context?: BuildContext) {
        this.steps = context?.registries?.transforms.build(options.steps) ?? [];
      }
    }
    class Flip {}
    registries.datasets.register(Pipeline);
    registries.transforms.register(Flip);
    const built = registries.datasets.build({ type: 'Pipeline', steps: [{ type: 'Flip' }] }) as Pipeline;
    expect(built.steps[0]).toBeInstanceOf(Flip);
    expect(registries.models.registries).toBe(registries);
    expect(createChildRegistries(registries, 'p').models.registries?.models.scope).toBe('p');
  });
});
