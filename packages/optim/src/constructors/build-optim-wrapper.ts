import type { Buildable, Registries } from '@mmpt/registry';
import type { ModuleLike } from '../module-like';
import { describe } from '../optimizers/param-group';
import type { OptimWrapper } from '../wrappers/optim-wrapper';
import type { DefaultOptimWrapperConstructor } from './default-optim-wrapper-constructor';
import type { OptimWrapperConfig } from './optim-wrapper-config';

/**
 * Builds the optimizer wrapper of a model from an `optim_wrapper` config, as MMEngine's
 * `build_optim_wrapper`: `constructor` (default `DefaultOptimWrapperConstructor`) and
 * `paramwise_cfg` are taken out, the constructor is built from the
 * `optim_wrapper_constructor` registry and builds the optimizer and the wrapper. Needs the
 * package's `register(registries)` (or the plugin's) to have filled the registries.
 *
 * @example
 * const optimWrapper = buildOptimWrapper(model, cfg.optim_wrapper, registries);
 */
export function buildOptimWrapper(model: ModuleLike, config: OptimWrapperConfig, registries: Registries): OptimWrapper {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new TypeError(`buildOptimWrapper: the optim_wrapper config must be an object, got ${describe(config)}`);
  }
  // `constructor` is read as an own key only: every object inherits a `constructor` property.
  const { paramwise_cfg: paramwiseCfg = null, ...optimWrapperCfg } = config;
  const constructorType = Object.hasOwn(config, 'constructor') ? config.constructor : 'DefaultOptimWrapperConstructor';
  delete optimWrapperCfg.constructor;
  const constructor = registries.optimWrapperConstructors.build<DefaultOptimWrapperConstructor>({
    type: constructorType as string | Buildable,
    optim_wrapper_cfg: optimWrapperCfg,
    paramwise_cfg: paramwiseCfg,
    registries,
  });
  if (!constructor || typeof (constructor as { build?: unknown }).build !== 'function') {
    throw new TypeError(`buildOptimWrapper: the constructor ${describe(constructorType)} has no build(model) method`);
  }
  return constructor.build(model);
}
