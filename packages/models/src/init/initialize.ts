import { type AnyModule, type Tensor, init, noGrad } from '@mmpt/tensor';
import { type InitConfig, initConfigList } from './init-config';
import { loadPretrainedWeights } from '../checkpoint/pretrained-loader';
import { matchesLayer } from './layer-names';

/**
 * Loads pretrained weights for an `init_cfg` of type Pretrained. The default is
 * {@link loadPretrainedWeights} (`.pth` or `.safetensors` from a path, with `prefix`); pass another
 * to `initWeights` to load from elsewhere.
 */
export type PretrainedLoader = (module: AnyModule, checkpoint: string, prefix: string | undefined) => void;

function parameterOf(module: AnyModule, name: string): Tensor | null {
  return module.namedParameters({ recurse: false }).find(([key]) => key === name)?.[1] ?? null;
}

/** Applies one non-pretrained initialisation to the weight and bias of one module. */
function initializeModule(module: AnyModule, config: InitConfig): void {
  const weight = parameterOf(module, 'weight');
  const bias = parameterOf(module, 'bias');
  if (weight) {
    switch (config.type) {
      case 'Kaiming': {
        const options = { a: config.a ?? 0, mode: config.mode ?? 'fan_out', nonlinearity: (config.nonlinearity ?? 'relu') as init.Nonlinearity };
        if ((config.distribution ?? 'normal') === 'uniform') init.kaimingUniform(weight, options);
        else init.kaimingNormal(weight, options);
        break;
      }
      case 'Xavier':
        if ((config.distribution ?? 'normal') === 'uniform') init.xavierUniform(weight, { gain: config.gain ?? 1 });
        else init.xavierNormal(weight, { gain: config.gain ?? 1 });
        break;
      case 'Normal':
        init.normal(weight, { mean: config.mean ?? 0, std: config.std ?? 1 });
        break;
      case 'TruncNormal':
        init.truncatedNormal(weight, { mean: config.mean ?? 0, std: config.std ?? 1, a: config.a ?? -2, b: config.b ?? 2 });
        break;
      case 'Uniform':
        init.uniform(weight, { a: config.a ?? 0, b: config.b ?? 1 });
        break;
      case 'Constant':
        if (config.val === undefined) throw new Error('init_cfg Constant needs "val"');
        init.constant(weight, config.val);
        break;
      default:
        throw new Error(`Unknown init_cfg type "${String(config.type)}"; known: Kaiming, Xavier, Normal, TruncNormal, Uniform, Constant, Pretrained`);
    }
  }
  if (bias) init.constant(bias, config.bias ?? 0);
}

/**
 * Initialises a module by MMEngine's `init_cfg` rules: each config applies to every submodule
 * (the module included) whose class matches its `layer`, then `override` entries apply to named
 * submodules as a whole. Pretrained configs go to `loadPretrained` (by default
 * {@link loadPretrainedWeights}).
 */
export function initialize(module: AnyModule, configs: InitConfig[], loadPretrained: PretrainedLoader = loadPretrainedWeights): void {
  noGrad(() => {
    for (const config of configs) {
      if (config.type === 'Pretrained') {
        if (!config.checkpoint) throw new Error('init_cfg Pretrained needs "checkpoint"');
        loadPretrained(module, config.checkpoint, config.prefix);
        continue;
      }
      const layers = config.layer === undefined ? [] : typeof config.layer === 'string' ? [config.layer] : config.layer;
      if (layers.length > 0) {
        for (const [, submodule] of module.namedModules()) if (matchesLayer(submodule, layers)) initializeModule(submodule, config);
      }
      for (const override of initConfigList(config.override as InitConfig | InitConfig[] | undefined) as Array<InitConfig & { name: string }>) {
        const target = module.getSubmodule(override.name);
        const merged = { ...config, ...override, layer: undefined, override: undefined } as InitConfig;
        if (!override.type) merged.type = config.type;
        initializeModule(target, merged);
      }
    }
  });
}
