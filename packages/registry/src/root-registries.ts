import { Registry } from './registry';

/**
 * The root registries MMPretrain uses, one per kind of module. Keys are camelCase; the registry
 * names (used in messages) are MMEngine's.
 */
export interface Registries {
  models: Registry;
  datasets: Registry;
  dataSamplers: Registry;
  transforms: Registry;
  batchAugments: Registry;
  optimizers: Registry;
  optimWrappers: Registry;
  optimWrapperConstructors: Registry;
  parameterSchedulers: Registry;
  metrics: Registry;
  evaluators: Registry;
  hooks: Registry;
  loops: Registry;
  visualizers: Registry;
  visBackends: Registry;
  weightInitializers: Registry;
}

const REGISTRY_NAMES: Record<keyof Registries, string> = {
  models: 'model',
  datasets: 'dataset',
  dataSamplers: 'data sampler',
  transforms: 'transform',
  batchAugments: 'batch augment',
  optimizers: 'optimizer',
  optimWrappers: 'optim wrapper',
  optimWrapperConstructors: 'optimizer wrapper constructor',
  parameterSchedulers: 'parameter scheduler',
  metrics: 'metric',
  evaluators: 'evaluator',
  hooks: 'hook',
  loops: 'loop',
  visualizers: 'visualizer',
  visBackends: 'vis backend',
  weightInitializers: 'weight initializer',
};

/** The keys of {@link Registries}, in a stable order. */
export const REGISTRY_KEYS = Object.keys(REGISTRY_NAMES) as Array<keyof Registries>;

/**
 * Creates a fresh, empty set of root registries (scope `'mmpt'` unless another is given). Nothing
 * is registered on import: each package exports a `register(registries)` function that fills them,
 * and an application calls the ones it needs.
 *
 * @example
 * const registries = createRegistries();
 * registerModels(registries); // from @mmpt/models
 * const model = registries.models.build(cfg.get('model'));
 */
export function createRegistries(scope?: string): Registries {
  const registries = {} as Registries;
  for (const key of REGISTRY_KEYS) {
    registries[key] = new Registry({ name: REGISTRY_NAMES[key], scope });
  }
  for (const key of REGISTRY_KEYS) registries[key].registries = registries;
  return registries;
}

/**
 * Child registries of `parent` under a plugin's own scope, so that a plugin's names do not clash
 * with the root ones and can be addressed as `'scope.Name'`. Lookups from a child fall back to the
 * parent.
 */
export function createChildRegistries(parent: Registries, scope: string): Registries {
  const registries = {} as Registries;
  for (const key of REGISTRY_KEYS) {
    registries[key] = new Registry({ name: parent[key].name, scope, parent: parent[key] });
  }
  for (const key of REGISTRY_KEYS) registries[key].registries = registries;
  return registries;
}
