import { createRegistries } from '@mmpt/registry';
import { Conv2d, LayerNorm, Linear, Module, ModuleList, type Tensor, createCpuBackend, setDefaultBackend, zeros } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParamGroup } from '../optimizers/param-group';
import { register } from '../register';
import { buildOptimWrapper } from './build-optim-wrapper';

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const registries = createRegistries();
register(registries);

class Block extends Module {
  constructor() {
    super();
    this.registerModule('ln1', new LayerNorm(4));
    this.registerModule('attn', new Linear(4, 4));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** A two-layer ViT-like backbone with MMPretrain's `get_layer_depth` rule. */
class TinyVit extends Module {
  readonly numLayers = 2;
  constructor() {
    super();
    this.registerParameter('cls_token', zeros([1, 1, 4]));
    this.registerParameter('pos_embed', zeros([1, 5, 4]));
    this.registerModule('patch_embed', new Conv2d(3, 4, 2));
    this.registerModule('layers', new ModuleList([new Block(), new Block()]));
    this.registerModule('ln1', new LayerNorm(4));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

class Classifier extends Module {
  readonly backbone = this.registerModule('backbone', new TinyVit());
  constructor() {
    super();
    this.registerModule('head', new Linear(4, 10));
  }
  getLayerDepth(name: string): [number, number] {
    const layers = this.backbone.numLayers + 2;
    if (!name.startsWith('backbone.')) return [layers - 1, layers];
    const rest = name.slice('backbone.'.length);
    if (rest === 'cls_token' || rest === 'pos_embed' || rest.startsWith('patch_embed')) return [0, layers];
    if (rest.startsWith('layers')) return [Number(rest.split('.')[1]) + 1, layers];
    return [layers - 1, layers];
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

describe('LearningRateDecayOptimWrapperConstructor', () => {
  it('decays the learning rate per layer and sets the weight decay from paramwise_cfg', () => {
    const model = new Classifier();
    const wrapper = buildOptimWrapper(
      model,
      {
        optimizer: { type: 'AdamW', lr: 1e-3, weight_decay: 0.05 },
        constructor: 'LearningRateDecayOptimWrapperConstructor',
        paramwise_cfg: { layer_decay_rate: 0.5, norm_decay_mult: 0, bias_decay_mult: 0, custom_keys: { '.cls_token': { decay_mult: 0 }, '.pos_embed': { decay_mult: 0 } } },
      },
      registries,
    );
    const groups = new Map(wrapper.optimizer.paramGroups.map((group: ParamGroup) => [group.param_name as string, group]));
    const summary = (name: string) => {
      const group = groups.get(name) as ParamGroup;
      return [group.layer_id, group.lr, group.weight_decay];
    };
    expect([...groups.keys()]).toEqual([
      'backbone.cls_token',
      'backbone.pos_embed',
      'backbone.patch_embed.weight',
      'backbone.patch_embed.bias',
      'backbone.layers.0.ln1.weight',
      'backbone.layers.0.ln1.bias',
      'backbone.layers.0.attn.weight',
      'backbone.layers.0.attn.bias',
      'backbone.layers.1.ln1.weight',
      'backbone.layers.1.ln1.bias',
      'backbone.layers.1.attn.weight',
      'backbone.layers.1.attn.bias',
      'backbone.ln1.weight',
      'backbone.ln1.bias',
      'head.weight',
      'head.bias',
    ]);
    expect(summary('backbone.cls_token')).toEqual([0, 1e-3 * 0.5 ** 3, 0]);
    expect(summary('backbone.pos_embed')).toEqual([0, 1e-3 * 0.5 ** 3, 0]);
    expect(summary('backbone.patch_embed.weight')).toEqual([0, 1e-3 * 0.5 ** 3, 0.05]);
    expect(summary('backbone.patch_embed.bias')).toEqual([0, 1e-3 * 0.5 ** 3, 0]);
    expect(summary('backbone.layers.0.ln1.weight')).toEqual([1, 1e-3 * 0.5 ** 2, 0]);
    expect(summary('backbone.layers.0.attn.weight')).toEqual([1, 1e-3 * 0.5 ** 2, 0.05]);
    expect(summary('backbone.layers.1.attn.bias')).toEqual([2, 1e-3 * 0.5, 0]);
    expect(summary('backbone.ln1.weight')).toEqual([3, 1e-3, 0]);
    expect(summary('head.weight')).toEqual([3, 1e-3, 0.05]);
    model.dispose();
  });

  it('needs a model with getLayerDepth', () => {
    const model = new TinyVit();
    expect(() =>
      buildOptimWrapper(
        model,
        { optimizer: { type: 'AdamW', lr: 1e-3, weight_decay: 0.05 }, constructor: 'LearningRateDecayOptimWrapperConstructor', paramwise_cfg: { layer_decay_rate: 0.5 } },
        registries,
      ),
    ).toThrow('LearningRateDecayOptimWrapperConstructor: layer-wise learning rate decay needs a model with a getLayerDepth(parameterName) method; TinyVit has none');
    model.dispose();
  });
});
