import { UnknownTypeError, createChildRegistries, createRegistries } from '@mmpt/registry';
import { BatchNorm2d, Conv2d, Linear, Module, type Tensor, createCpuBackend, mul, setDefaultBackend, sign, sub } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleLr } from './auto-scale-lr';
import { buildOptimWrapper } from './constructors/build-optim-wrapper';
import { DefaultOptimWrapperConstructor } from './constructors/default-optim-wrapper-constructor';
import type { OptimWrapperConfig } from './constructors/optim-wrapper-config';
import { Adam } from './optimizers/adam';
import { assign } from './optimizers/assign';
import { Optimizer } from './optimizers/optimizer';
import { type ParamGroup, type ParamsInput, numberOption } from './optimizers/param-group';
import { SGD } from './optimizers/sgd';
import { register } from './register';
import { buildParamSchedulers } from './schedulers/build-param-schedulers';
import { type FixedParamOptions, ParamScheduler, type ParamSchedulerOptions } from './schedulers/param-scheduler';
import { AmpOptimWrapper } from './wrappers/amp-optim-wrapper';
import { OptimWrapper } from './wrappers/optim-wrapper';

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const registries = createRegistries();
register(registries);

class Net extends Module {
  constructor() {
    super();
    this.registerModule('conv', new Conv2d(3, 4, 3));
    this.registerModule('bn', new BatchNorm2d(4));
    this.registerModule('head', new Linear(4, 2));
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

function withModel<T>(run: (model: Net) => T): T {
  const model = new Net();
  try {
    return run(model);
  } finally {
    model.dispose();
  }
}

describe('the optim_wrapper configs of the guide (section 4)', () => {
  it('builds an SGD OptimWrapper', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(model, { type: 'OptimWrapper', optimizer: { type: 'SGD', lr: 0.0003, weight_decay: 0.0001 } }, registries);
      expect(wrapper).toBeInstanceOf(OptimWrapper);
      expect(wrapper.optimizer).toBeInstanceOf(SGD);
      expect(wrapper.optimizer.paramGroups).toHaveLength(1);
      expect(wrapper.optimizer.paramGroups[0]).toMatchObject({ lr: 0.0003, weight_decay: 0.0001, momentum: 0, nesterov: false });
      expect(wrapper.optimizer.paramGroups[0]?.params).toHaveLength(model.parameters().length);
    }));

  it('builds Adam with every PyTorch option, with the wrapper type omitted', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(
        model,
        { optimizer: { type: 'Adam', lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false } },
        registries,
      );
      expect(wrapper.constructor).toBe(OptimWrapper);
      expect(wrapper.optimizer).toBeInstanceOf(Adam);
      expect(wrapper.optimizer.defaults).toEqual({ lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false });
    }));

  it('builds an AmpOptimWrapper', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(model, { type: 'AmpOptimWrapper', optimizer: { type: 'SGD', lr: 0.1 } }, registries);
      expect(wrapper).toBeInstanceOf(AmpOptimWrapper);
      expect((wrapper as AmpOptimWrapper).lossScaler.getScale()).toBe(65536);
    }));

  it('sets norm_decay_mult=0 on the norm layers', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(model, { optimizer: { type: 'SGD', lr: 0.8, weight_decay: 1e-4 }, paramwise_cfg: { norm_decay_mult: 0 } }, registries);
      const decays = wrapper.optimizer.paramGroups.map((group) => group.weight_decay);
      expect(decays).toEqual([1e-4, 1e-4, 0, 0, 1e-4, 1e-4]);
      expect(wrapper.paramGroups).toHaveLength(7);
    }));

  it('passes clip_grad and accumulative_counts to the wrapper', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(
        model,
        { optimizer: { type: 'SGD', lr: 0.01, weight_decay: 0.0001 }, clip_grad: { max_norm: 35, norm_type: 2 }, accumulative_counts: 4 },
        registries,
      );
      expect(wrapper.clipType).toBe('norm');
      expect(wrapper.clipGradOptions).toEqual({ max_norm: 35, norm_type: 2 });
      expect(wrapper.accumulative).toBe(4);
    }));

  it('accepts the classes themselves as types', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(model, { type: AmpOptimWrapper, optimizer: { type: SGD, lr: 0.1 }, constructor: DefaultOptimWrapperConstructor }, registries);
      expect(wrapper).toBeInstanceOf(AmpOptimWrapper);
    }));

  it('names the registry and the closest names for an unknown optimizer', () =>
    withModel((model) => {
      let error: unknown;
      try {
        buildOptimWrapper(model, { optimizer: { type: 'SDG', lr: 0.1 } }, registries);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UnknownTypeError);
      expect((error as Error).message).toContain('"SDG" is not registered in the optimizer registry (scope "mmpt"). Did you mean "SGD"');
    }));
});

// A plugin package: its own optimizer, constructor and scheduler, registered in its own scope.

class SignSGD extends Optimizer {
  constructor(options: { params: ParamsInput; lr: number }) {
    super(options.params, { lr: options.lr });
  }
  protected updateParameter(param: Tensor, grad: Tensor, group: ParamGroup): void {
    assign(param, sub(param, mul(sign(grad), numberOption(group, 'lr', 'SignSGD'))));
  }
}

class HeadOnlyConstructor extends DefaultOptimWrapperConstructor {
  override build(model: Module): OptimWrapper {
    const head = model.getSubmodule('head');
    return super.build(head);
  }
}

class HalvingLR extends ParamScheduler<{ every: number }> {
  constructor(options: FixedParamOptions<ParamSchedulerOptions> & { every: number }) {
    super({ ...options, param_name: 'lr' }, { every: options.every });
  }
  protected getValue(): number[] {
    const halve = this.lastStep > 0 && this.lastStep % this.settings.every === 0;
    return this.currentValues().map((value) => (halve ? value / 2 : value));
  }
}

function registerPlugin(parent: typeof registries): void {
  const own = createChildRegistries(parent, 'myplugin');
  own.optimizers.register(SignSGD);
  own.optimWrapperConstructors.register(HeadOnlyConstructor);
  own.parameterSchedulers.register(HalvingLR);
}

describe('extension points', () => {
  it('selects a plugin optimizer, constructor and scheduler from a config', () =>
    withModel((model) => {
      const local = createRegistries();
      register(local);
      registerPlugin(local);
      const config: OptimWrapperConfig = { optimizer: { type: 'myplugin.SignSGD', lr: 0.5 }, constructor: 'myplugin.HeadOnlyConstructor' };
      const wrapper = buildOptimWrapper(model, config, local);
      expect(wrapper.optimizer).toBeInstanceOf(SignSGD);
      expect(wrapper.optimizer.paramGroups[0]?.params).toEqual(model.getSubmodule('head').parameters());
      const schedulers = buildParamSchedulers([{ type: 'myplugin.HalvingLR', every: 2 }], { optimWrapper: wrapper, registries: local, maxEpochs: 10 });
      const lrs: number[] = [];
      for (let epoch = 0; epoch < 5; epoch++) {
        lrs.push(wrapper.getLr().lr[0] as number);
        for (const scheduler of schedulers) scheduler.step();
      }
      expect(lrs).toEqual([0.5, 0.5, 0.25, 0.25, 0.125]);
    }));
});

describe('auto_scale_lr', () => {
  it('scales every group by the real batch size over base_batch_size when enabled', () =>
    withModel((model) => {
      const wrapper = buildOptimWrapper(model, { optimizer: { type: 'SGD', lr: 0.1 }, paramwise_cfg: { bias_lr_mult: 2 } }, registries);
      expect(scaleLr(wrapper, { base_batch_size: 256 }, { batchSize: 32 })).toBeNull();
      expect(scaleLr(wrapper, { base_batch_size: 256, enable: true }, { batchSize: 32, worldSize: 4 })).toBe(0.5);
      expect(wrapper.optimizer.paramGroups.map((group) => group.lr)).toEqual([0.05, 0.1, 0.05, 0.05, 0.05, 0.1]); // the norm bias keeps the base lr
      buildParamSchedulers({ type: 'StepLR', step_size: 1 }, { optimWrapper: wrapper, registries });
      expect(() => scaleLr(wrapper, { base_batch_size: 256, enable: true }, { batchSize: 32 })).toThrow(
        'scaleLr: call it before building the parameter schedulers, which record the initial learning rates',
      );
    }));
});
