import { createRegistries } from '@mmpt/registry';
import { BatchNorm2d, Conv2d, GroupNorm, Linear, Module, type Parameter, type Tensor, createCpuBackend, ones, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SGD } from '../optimizers/sgd';
import type { ParamGroup } from '../optimizers/param-group';
import { register } from '../register';
import { DefaultOptimWrapperConstructor } from './default-optim-wrapper-constructor';

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const registries = createRegistries();
register(registries);

/** The sub-model of MMEngine's optimizer tests: a depth-wise conv, a GroupNorm and a 1-d parameter. */
class SubModel extends Module {
  constructor() {
    super();
    this.registerModule('conv1', new Conv2d(2, 2, 1, { groups: 2 }));
    this.registerModule('gn', new GroupNorm(2, 2));
    this.registerParameter('param1', ones([1]));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** A deformable conv as MMCV's `DeformConv2dPack` lays it out: its own weight and a `conv_offset` conv. */
class DeformConv2d extends Module {
  constructor() {
    super();
    this.registerParameter('weight', ones([4, 3, 3, 3]));
    this.registerModule('conv_offset', new Conv2d(3, 18, 3));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** The example model of MMEngine's optimizer tests. */
class ExampleModel extends Module {
  constructor(withDcn = false) {
    super();
    this.registerParameter('param1', ones([1]));
    this.registerModule('conv1', new Conv2d(3, 4, 1, { bias: false }));
    this.registerModule('conv2', new Conv2d(4, 2, 1));
    this.registerModule('bn', new BatchNorm2d(2));
    this.registerModule('sub', new SubModel());
    if (withDcn) this.registerModule('dcn', new DeformConv2d());
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

function groupsByName(model: Module, groups: ParamGroup[]): Map<string, ParamGroup> {
  const names = new Map<Tensor, string>(model.namedParameters().map(([name, param]) => [param, name]));
  return new Map(groups.map((group) => [names.get(group.params[0] as Tensor) as string, group]));
}

function build(model: Module, paramwise: Record<string, unknown> | null, optimizer: Record<string, unknown> = { type: 'SGD', lr: 0.01, weight_decay: 1e-4, momentum: 0.9 }) {
  return new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: { optimizer: optimizer as { type: string } }, paramwise_cfg: paramwise, registries }).build(model);
}

const BASE_LR = 0.01;
const BASE_WD = 1e-4;

describe('DefaultOptimWrapperConstructor', () => {
  it('puts every parameter in one group without paramwise_cfg', () => {
    const model = new ExampleModel();
    const wrapper = build(model, null);
    expect(wrapper.optimizer).toBeInstanceOf(SGD);
    expect(wrapper.optimizer.paramGroups).toHaveLength(1);
    expect(wrapper.optimizer.paramGroups[0]?.params).toEqual(model.parameters());
    expect(wrapper.optimizer.defaults).toMatchObject({ lr: BASE_LR, weight_decay: BASE_WD, momentum: 0.9 });
    model.dispose();
  });

  it('applies the multipliers of the guide as MMEngine does (norm, bias, dwconv, flat, dcn offset)', () => {
    const model = new ExampleModel(true);
    const wrapper = build(model, {
      bias_lr_mult: 2,
      bias_decay_mult: 0.5,
      norm_decay_mult: 0,
      dwconv_decay_mult: 0.1,
      dcn_offset_lr_mult: 0.1,
      flat_decay_mult: 0.3,
    });
    const groups = groupsByName(model, wrapper.optimizer.paramGroups);
    const settings = (name: string) => ({ lr: groups.get(name)?.lr, weight_decay: groups.get(name)?.weight_decay });
    expect([...groups.keys()]).toEqual([
      'param1',
      'conv1.weight',
      'conv2.weight',
      'conv2.bias',
      'bn.weight',
      'bn.bias',
      'sub.param1',
      'sub.conv1.weight',
      'sub.conv1.bias',
      'sub.gn.weight',
      'sub.gn.bias',
      'dcn.weight',
      'dcn.conv_offset.weight',
      'dcn.conv_offset.bias',
    ]);
    expect(settings('param1')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD * 0.3 });
    expect(settings('conv1.weight')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD });
    expect(settings('conv2.weight')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD });
    expect(settings('conv2.bias')).toEqual({ lr: BASE_LR * 2, weight_decay: BASE_WD * 0.5 });
    expect(settings('bn.weight')).toEqual({ lr: BASE_LR, weight_decay: 0 });
    expect(settings('bn.bias')).toEqual({ lr: BASE_LR, weight_decay: 0 });
    expect(settings('sub.param1')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD * 0.3 });
    expect(settings('sub.conv1.weight')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD * 0.1 });
    expect(settings('sub.conv1.bias')).toEqual({ lr: BASE_LR * 2, weight_decay: BASE_WD * 0.5 });
    expect(settings('sub.gn.weight')).toEqual({ lr: BASE_LR, weight_decay: 0 });
    expect(settings('sub.gn.bias')).toEqual({ lr: BASE_LR, weight_decay: 0 });
    expect(settings('dcn.weight')).toEqual({ lr: BASE_LR, weight_decay: BASE_WD });
    expect(settings('dcn.conv_offset.weight')).toEqual({ lr: BASE_LR * 0.1, weight_decay: BASE_WD });
    expect(settings('dcn.conv_offset.bias')).toEqual({ lr: BASE_LR * 0.1, weight_decay: BASE_WD });
    model.dispose();
  });

  it('lets the longest custom key win (alphabetical among equals) and copies its entries into the group', () => {
    const model = new ExampleModel();
    const wrapper = build(model, {
      custom_keys: {
        param1: { lr_mult: 10 },
        sub: { lr_mult: 0.1, decay_mult: 0 },
        'sub.gn': { lr_mult: 0.01 },
        conv: { lr_mult: 3 },
        onv2: { lr_mult: 4 },
        '.param1': { lr_mult: 5, decay_mult: 2 },
      },
      norm_decay_mult: 0,
    });
    const groups = groupsByName(model, wrapper.optimizer.paramGroups);
    // the root's own parameters are matched as '.param1', a submodule's as 'sub.param1'
    expect(groups.get('param1')).toMatchObject({ lr: BASE_LR * 5, weight_decay: BASE_WD * 2, lr_mult: 5, decay_mult: 2 });
    expect(groups.get('sub.param1')).toMatchObject({ lr: BASE_LR * 5, weight_decay: BASE_WD * 2 });
    expect(groups.get('conv1.weight')).toMatchObject({ lr: BASE_LR * 3, weight_decay: BASE_WD, lr_mult: 3 });
    expect(groups.get('conv2.bias')).toMatchObject({ lr: BASE_LR * 3, weight_decay: BASE_WD });
    expect(groups.get('sub.gn.weight')).toMatchObject({ lr: BASE_LR * 0.01, weight_decay: BASE_WD });
    expect(groups.get('sub.conv1.weight')).toMatchObject({ lr: BASE_LR * 3 });
    expect(groups.get('bn.weight')).toMatchObject({ lr: BASE_LR, weight_decay: 0 });
    model.dispose();
  });

  it('follows the custom_keys example of the guide', () => {
    class Backbone extends Module {
      constructor() {
        super();
        this.registerModule('layer0', new Linear(2, 2));
        this.registerModule('layer1', new Linear(2, 2));
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    class Classifier extends Module {
      constructor() {
        super();
        this.registerModule('backbone', new Backbone());
        this.registerModule('head', new Linear(2, 3));
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const model = new Classifier();
    const wrapper = build(
      model,
      { custom_keys: { 'backbone.layer0': { lr_mult: 0, decay_mult: 0 }, backbone: { lr_mult: 1 }, head: { lr_mult: 0.1 } } },
      { type: 'SGD', lr: 0.01, weight_decay: 0.0001 },
    );
    const groups = groupsByName(model, wrapper.optimizer.paramGroups);
    for (const name of ['backbone.layer0.weight', 'backbone.layer0.bias']) expect(groups.get(name)).toMatchObject({ lr: 0, weight_decay: 0 });
    for (const name of ['backbone.layer1.weight', 'backbone.layer1.bias']) expect(groups.get(name)).toMatchObject({ lr: 0.01, weight_decay: 0.0001 });
    for (const name of ['head.weight', 'head.bias']) expect(groups.get(name)).toMatchObject({ lr: 0.01 * 0.1, weight_decay: 0.0001 });
    model.dispose();
  });

  it('leaves out frozen parameters and, with bypass_duplicate, shared ones', () => {
    class Shared extends Module {
      constructor(shared: Parameter) {
        super();
        this.registerModule('a', new Linear(2, 2));
        this.registerParameter('tied', shared);
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    class Tied extends Module {
      readonly shared: Parameter;
      constructor() {
        super();
        const first = this.registerModule('first', new Shared(ones([2]) as Parameter));
        this.shared = first.getParameter('tied');
        this.registerModule('second', new Shared(this.shared));
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const model = new Tied();
    model.getParameter('first.a.bias').requiresGrad = false;
    expect(() => build(model, { bias_lr_mult: 2 })).toThrow('SGD: some parameters appear in more than one parameter group');
    const wrapper = build(model, { bias_lr_mult: 2, bypass_duplicate: true });
    const params = wrapper.optimizer.paramGroups.map((group) => group.params[0]);
    expect(params).toHaveLength(4);
    expect(params).not.toContain(model.getParameter('first.a.bias'));
    expect(params.filter((param) => param === model.shared)).toHaveLength(1);
    model.dispose();
  });

  it('validates its configs as MMEngine', () => {
    const optimizer = { type: 'SGD', lr: 0.01 };
    expect(() => new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: {} as never })).toThrow(
      'DefaultOptimWrapperConstructor: optim_wrapper_cfg must contain an "optimizer" config, got undefined',
    );
    expect(() => new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: { optimizer }, paramwise_cfg: { norm_decay_mult: 0 } })).toThrow(
      "DefaultOptimWrapperConstructor: paramwise_cfg.norm_decay_mult needs the optimizer's weight_decay (base_wd should not be None)",
    );
    expect(
      () => new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: { optimizer }, paramwise_cfg: { custom_keys: { head: { decay_mult: 0 } } } }),
    ).toThrow('DefaultOptimWrapperConstructor: custom_keys["head"] sets decay_mult but the optimizer has no weight_decay (base_wd should not be None)');
    expect(() => new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: { optimizer }, paramwise_cfg: { custom_keys: [] as never } })).toThrow(
      'DefaultOptimWrapperConstructor: paramwise_cfg.custom_keys must be an object, got []',
    );
    const model = new ExampleModel();
    expect(() => new DefaultOptimWrapperConstructor({ optim_wrapper_cfg: { optimizer } }).build(model)).toThrow(
      'DefaultOptimWrapperConstructor.build: no registries to build the optimizer and wrapper from; pass { registries } (buildOptimWrapper does)',
    );
    model.dispose();
  });
});
