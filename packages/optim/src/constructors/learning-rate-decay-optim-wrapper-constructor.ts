import type { LayerDepthModule, ModuleLike } from '../module-like';
import { isNormModule } from '../module-kinds';
import type { ParamGroupInput } from '../optimizers/param-group';
import { DefaultOptimWrapperConstructor } from './default-optim-wrapper-constructor';
import type { CustomKeyConfig } from './optim-wrapper-config';

/** Finds the layer of a parameter by its full dotted name: `[layerId, layerCount]`. */
export type LayerDepthFunction = (parameterName: string) => [number, number];

/**
 * MMPretrain's `LearningRateDecayOptimWrapperConstructor` (layer-wise learning-rate decay for ViT
 * and Swin): every parameter gets its own group with
 * `lr = base_lr · layer_decay_rate^(layerCount - layerId - 1)`, where the model's
 * `getLayerDepth(name)` gives `[layerId, layerCount]`, and a weight decay from `paramwise_cfg`:
 * a matching `custom_keys` entry's `decay_mult` (its other entries are copied into the group), else
 * `norm_decay_mult` (norm layers), `bias_decay_mult` (biases), `flat_decay_mult` (1-d parameters),
 * else the base weight decay. Groups also record `layer_id` and `param_name`. Parameters that do
 * not require grad are left out.
 *
 * @example
 * const optim_wrapper = {
 *   optimizer: { type: 'AdamW', lr: 5e-4, weight_decay: 0.05 },
 *   constructor: 'LearningRateDecayOptimWrapperConstructor',
 *   paramwise_cfg: { layer_decay_rate: 0.65, custom_keys: { '.cls_token': { decay_mult: 0 } } },
 * };
 */
export class LearningRateDecayOptimWrapperConstructor extends DefaultOptimWrapperConstructor {
  override addParams(params: ParamGroupInput[], module: ModuleLike, prefix = ''): void {
    const depth = layerDepthOf(module, this.constructor.name);
    this.addDecayedParams(params, module, prefix, depth);
  }

  private addDecayedParams(params: ParamGroupInput[], module: ModuleLike, prefix: string, getLayerDepth: LayerDepthFunction): void {
    const cfg = this.paramwiseCfg;
    const customKeys = cfg.custom_keys ?? {};
    const decayRate = cfg.layer_decay_rate ?? 1.0;
    const isNorm = isNormModule(module);
    for (const [name, param] of module.namedParameters({ recurse: false })) {
      const group: ParamGroupInput = { params: [param] };
      const parameterName = prefix + name;
      if (!param.requiresGrad) continue;
      if (this.baseWd !== undefined) {
        const key = this.matchCustomKey(parameterName);
        if (key !== undefined) {
          const { decay_mult: decayMult = 1, ...rest } = customKeys[key] as CustomKeyConfig;
          group.weight_decay = this.baseWd * decayMult;
          Object.assign(group, rest);
        } else if (isNorm && cfg.norm_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.norm_decay_mult;
        else if (name === 'bias' && cfg.bias_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.bias_decay_mult;
        else if (param.shape.length === 1 && cfg.flat_decay_mult !== undefined) group.weight_decay = this.baseWd * cfg.flat_decay_mult;
        else group.weight_decay = this.baseWd;
      }
      const [layerId, layerCount] = getLayerDepth(parameterName);
      group.lr = this.scaledLr(decayRate ** (layerCount - layerId - 1));
      group.layer_id = layerId;
      group.param_name = parameterName;
      params.push(group);
    }
    for (const [childName, child] of module.namedChildren()) {
      this.addDecayedParams(params, child, `${prefix}${childName}.`, getLayerDepth);
    }
  }
}

function layerDepthOf(module: ModuleLike, owner: string): LayerDepthFunction {
  const candidate = module as Partial<LayerDepthModule> & { get_layer_depth?: LayerDepthFunction };
  const method = candidate.getLayerDepth ?? candidate.get_layer_depth;
  if (typeof method !== 'function') {
    throw new TypeError(`${owner}: layer-wise learning rate decay needs a model with a getLayerDepth(parameterName) method; ${module.constructor.name} has none`);
  }
  return (parameterName) => {
    const result = method.call(module, parameterName);
    if (!Array.isArray(result) || result.length !== 2 || !result.every((value) => Number.isInteger(value))) {
      throw new TypeError(`${owner}: getLayerDepth("${parameterName}") must return [layerId, layerCount], got ${JSON.stringify(result)}`);
    }
    return result;
  };
}
