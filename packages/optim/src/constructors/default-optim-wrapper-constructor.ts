import type { BuildConfig } from '@mmpt/registry';
import type { Tensor } from '@mmpt/tensor';
import { isConv2d, isDeformableConv, isDepthwiseConv, isNormModule } from '../module-kinds';
import type { ModuleLike } from '../module-like';
import type { Optimizer } from '../optimizers/optimizer';
import { type ParamGroupInput, describe } from '../optimizers/param-group';
import type { OptimWrapper } from '../wrappers/optim-wrapper';
import type { CustomKeyConfig, OptimRegistries, OptimWrapperConfig, ParamwiseConfig } from './optim-wrapper-config';

/** The options of {@link DefaultOptimWrapperConstructor}, with MMEngine's names. */
export interface OptimWrapperConstructorOptions {
  /** The `optim_wrapper` config without `constructor` and `paramwise_cfg`; it must hold `optimizer`. */
  optim_wrapper_cfg: OptimWrapperConfig;
  paramwise_cfg?: ParamwiseConfig | null;
  /** Where the optimizer and wrapper types are looked up (`buildOptimWrapper` passes them). */
  registries?: OptimRegistries;
}

/**
 * MMEngine's `DefaultOptimWrapperConstructor`: builds the optimizer over a model's parameters and
 * wraps it. Without `paramwise_cfg` all parameters form one group; with it every parameter gets its
 * own group whose `lr` and `weight_decay` follow the rules of MMEngine, in order:
 *
 * - `custom_keys`: the longest key contained in `'<module path>.<name>'` (ties: alphabetical) sets
 *   `lr = base_lr · lr_mult` and `weight_decay = base_wd · decay_mult`, and no other rule applies;
 * - `bias_lr_mult` for biases outside norm layers and deformable convs; `dcn_offset_lr_mult` for
 *   the `conv_offset` convs of deformable convs;
 * - weight decay, first rule that applies: `norm_decay_mult` (norm layers), `bias_decay_mult`
 *   (biases), `dwconv_decay_mult` (depth-wise convs), `flat_decay_mult` (other 1-d parameters).
 *
 * Parameters that do not require grad are left out; `bypass_duplicate` skips a parameter already
 * added (shared weights) instead of failing.
 *
 * @example
 * const constructor = new DefaultOptimWrapperConstructor({
 *   optim_wrapper_cfg: { optimizer: { type: 'SGD', lr: 0.8, weight_decay: 1e-4 } },
 *   paramwise_cfg: { norm_decay_mult: 0 },
 *   registries,
 * });
 * const optimWrapper = constructor.build(model);
 */
export class DefaultOptimWrapperConstructor {
  readonly optimWrapperCfg: Record<string, unknown>;
  readonly optimizerCfg: BuildConfig;
  readonly paramwiseCfg: ParamwiseConfig;
  /** The optimizer's `lr`, which multipliers scale. */
  readonly baseLr: number | undefined;
  /** The optimizer's `weight_decay`, which decay multipliers scale. */
  readonly baseWd: number | undefined;
  protected readonly registries: OptimRegistries | undefined;

  constructor(options: OptimWrapperConstructorOptions, context?: { registries?: OptimRegistries }) {
    const name = this.constructor.name;
    const config = options?.optim_wrapper_cfg;
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new TypeError(`${name}: optim_wrapper_cfg must be an object, got ${describe(config)}`);
    }
    if (!config.optimizer || typeof config.optimizer !== 'object') {
      throw new TypeError(`${name}: optim_wrapper_cfg must contain an "optimizer" config, got ${describe(config.optimizer)}`);
    }
    const { optimizer, ...wrapper } = config;
    this.optimWrapperCfg = wrapper;
    this.optimizerCfg = optimizer;
    const paramwise = options.paramwise_cfg ?? {};
    if (paramwise === null || typeof paramwise !== 'object' || Array.isArray(paramwise)) {
      throw new TypeError(`${name}: paramwise_cfg must be null or an object, got ${describe(paramwise)}`);
    }
    this.paramwiseCfg = paramwise;
    this.baseLr = optimizer.lr as number | undefined;
    this.baseWd = optimizer.weight_decay as number | undefined;
    this.registries = options.registries ?? context?.registries;
    this.validate();
  }

  /** Checks the paramwise options, as MMEngine's `_validate_cfg`. */
  protected validate(): void {
    const name = this.constructor.name;
    const customKeys = this.paramwiseCfg.custom_keys;
    if (customKeys !== undefined) {
      if (customKeys === null || typeof customKeys !== 'object' || Array.isArray(customKeys)) {
        throw new TypeError(`${name}: paramwise_cfg.custom_keys must be an object, got ${describe(customKeys)}`);
      }
      if (this.baseWd === undefined) {
        for (const [key, value] of Object.entries(customKeys)) {
          if (value && 'decay_mult' in value) {
            throw new RangeError(`${name}: custom_keys["${key}"] sets decay_mult but the optimizer has no weight_decay (base_wd should not be None)`);
          }
        }
      }
    }
    for (const key of ['bias_decay_mult', 'norm_decay_mult', 'dwconv_decay_mult'] as const) {
      if (key in this.paramwiseCfg && this.baseWd === undefined) {
        throw new RangeError(`${name}: paramwise_cfg.${key} needs the optimizer's weight_decay (base_wd should not be None)`);
      }
    }
  }

  /** Builds the optimizer over `model`'s parameters and the wrapper around it, as MMEngine's `__call__`. */
  build(model: ModuleLike): OptimWrapper {
    const registries = this.registries;
    if (!registries) {
      throw new Error(`${this.constructor.name}.build: no registries to build the optimizer and wrapper from; pass { registries } (buildOptimWrapper does)`);
    }
    const wrapperCfg: BuildConfig = { ...this.optimWrapperCfg, type: (this.optimWrapperCfg.type as BuildConfig['type']) ?? 'OptimWrapper' };
    const optimizerCfg: BuildConfig = { ...this.optimizerCfg };
    if (Object.keys(this.paramwiseCfg).length === 0) {
      optimizerCfg.params = [...model.namedParameters()].map(([, param]) => param);
    } else {
      const params: ParamGroupInput[] = [];
      this.addParams(params, model);
      optimizerCfg.params = params;
    }
    const optimizer = registries.optimizers.build<Optimizer>(optimizerCfg);
    return registries.optimWrappers.build<OptimWrapper>(wrapperCfg, { optimizer });
  }

  /** Appends one group per parameter of `module` (and its descendants) with the paramwise rules. */
  addParams(params: ParamGroupInput[], module: ModuleLike, prefix = ''): void {
    this.addModuleParams(params, module, prefix, false);
  }

  /** The custom key that applies to `name`: the longest contained in it, alphabetical among equals. */
  protected matchCustomKey(name: string): string | undefined {
    const keys = Object.keys(this.paramwiseCfg.custom_keys ?? {})
      .sort()
      .sort((a, b) => b.length - a.length);
    return keys.find((key) => name.includes(key));
  }

  /** The base learning rate times `multiplier`, or an error when the optimizer config has no `lr`. */
  protected scaledLr(multiplier: number): number {
    if (typeof this.baseLr !== 'number') {
      throw new TypeError(`${this.constructor.name}: paramwise_cfg scales the learning rate, but the optimizer config has no numeric lr (got ${describe(this.baseLr)})`);
    }
    return this.baseLr * multiplier;
  }

  private addModuleParams(params: ParamGroupInput[], module: ModuleLike, prefix: string, isDcnModule: boolean): void {
    const cfg = this.paramwiseCfg;
    const customKeys = cfg.custom_keys ?? {};
    const isNorm = isNormModule(module);
    const isDepthwise = isDepthwiseConv(module);
    for (const [name, param] of module.namedParameters({ recurse: false })) {
      const group: ParamGroupInput = { params: [param] };
      if (cfg.bypass_duplicate && params.some((existing) => [...existing.params].includes(param))) continue;
      if (!param.requiresGrad) continue;
      const key = this.matchCustomKey(`${prefix}.${name}`);
      if (key !== undefined) {
        const custom = customKeys[key] as CustomKeyConfig;
        group.lr = this.scaledLr(custom.lr_mult ?? 1);
        if (this.baseWd !== undefined) group.weight_decay = this.baseWd * (custom.decay_mult ?? 1);
        Object.assign(group, custom);
      } else {
        if (name === 'bias' && !(isNorm || isDcnModule) && cfg.bias_lr_mult !== undefined) {
          group.lr = this.scaledLr(cfg.bias_lr_mult);
        }
        if (prefix.includes('conv_offset') && isDcnModule && cfg.dcn_offset_lr_mult !== undefined && isConv2d(module)) {
          group.lr = this.scaledLr(cfg.dcn_offset_lr_mult);
        }
        if (this.baseWd !== undefined) {
          if (isNorm && cfg.norm_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.norm_decay_mult;
          else if (name === 'bias' && !isDcnModule && cfg.bias_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.bias_decay_mult;
          else if (isDepthwise && cfg.dwconv_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.dwconv_decay_mult;
          else if (rankOf(param) === 1 && !isDcnModule && cfg.flat_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.flat_decay_mult;
        }
      }
      params.push(group);
    }
    const childIsDcn = isDeformableConv(module);
    for (const [childName, child] of module.namedChildren()) {
      this.addModuleParams(params, child, prefix ? `${prefix}.${childName}` : childName, childIsDcn);
    }
  }
}

function rankOf(param: Tensor): number {
  return param.shape.length;
}
