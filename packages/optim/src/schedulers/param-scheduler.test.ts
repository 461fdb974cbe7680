import { type Tensor, createCpuBackend, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adagrad } from '../optimizers/adagrad';
import { Adam } from '../optimizers/adam';
import { SGD } from '../optimizers/sgd';
import { OptimWrapper } from '../wrappers/optim-wrapper';
import { CosineRestartParamScheduler } from './cosine-restart-param-scheduler';
import { ConstantLR, CosineAnnealingLR, ExponentialLR, LinearLR, MultiStepLR, OneCycleLR, ReduceOnPlateauLR, StepLR } from './lr-schedulers';
import { LinearMomentum } from './momentum-schedulers';
import { type ParamScheduler, INF } from './param-scheduler';
import { ReduceOnPlateauParamScheduler } from './reduce-on-plateau-param-scheduler';

let backend: ReturnType<typeof createCpuBackend>;
const params: Tensor[] = [];
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => {
  for (const param of params) param.dispose();
  backend.dispose();
});

/** SGD with MMEngine's test groups: lr 0.05 and 0.5. */
function optimizer(): SGD {
  const [a, b] = [tensor([0], { requiresGrad: true }), tensor([0], { requiresGrad: true })];
  params.push(a, b);
  return new SGD({ params: [{ params: [a] }, { params: [b], lr: 0.5 }], lr: 0.05, momentum: 0.01, weight_decay: 5e-4 });
}

function curve(target: { paramGroups: Array<Record<string, unknown>> }, schedulers: Array<ParamScheduler<object>>, epochs: number): number[] {
  const values: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    values.push(target.paramGroups[0]?.lr as number);
    for (const scheduler of schedulers) scheduler.step();
  }
  return values;
}

function expectCurve(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 12));
}

describe('MMEngine-specific scheduler behaviour (values of MMEngine’s own tests)', () => {
  it('acts only inside [begin, end)', () => {
    const target = optimizer();
    const interpolation = [0.5, 0.625, 0.75, 0.875];
    expectCurve(curve(target, [new LinearLR({ optimizer: target, start_factor: 0.5, begin: 1, end: 6 })], 10), [
      0.05,
      ...interpolation.map((factor) => factor * 0.05),
      ...Array(5).fill(0.05),
    ]);
    expect(target.paramGroups[1]?.lr).toBeCloseTo(0.5, 12);
  });

  it('chains schedulers without overlap', () => {
    const target = optimizer();
    const schedulers = [
      new LinearLR({ optimizer: target, start_factor: 1 / 2, begin: 0, end: 5 }),
      new MultiStepLR({ optimizer: target, gamma: 0.1, milestones: [3, 6], begin: 5, end: 12 }),
    ];
    expectCurve(curve(target, schedulers, 12), [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05, 0.05, 0.05, 0.005, 0.005, 0.005, 0.0005]);
  });

  it('composes overlapping schedulers multiplicatively', () => {
    const target = optimizer();
    const schedulers = [new LinearLR({ optimizer: target, start_factor: 1 / 2, begin: 0, end: 5 }), new MultiStepLR({ optimizer: target, gamma: 0.1, milestones: [3, 6, 9] })];
    expectCurve(curve(target, schedulers, 10), [0.025, 0.03125, 0.0375, 0.004375, 0.005, 0.005, 0.0005, 0.0005, 0.0005, 0.00005]);
  });

  it('leaves the value alone in a gap and starts the next scheduler from the current value', () => {
    const target = optimizer();
    const schedulers = [
      new ExponentialLR({ optimizer: target, gamma: 0.9, begin: 0, end: 5 }),
      new CosineAnnealingLR({ optimizer: target, T_max: 5, eta_min: 1e-10, begin: 10, end: 15 }),
    ];
    const exponential = [0, 1, 2, 3, 4].map((x) => 0.05 * 0.9 ** x);
    const last = exponential[4] as number;
    const cosine = [0, 1, 2, 3, 4].map((x) => 1e-10 + ((last - 1e-10) * (1 + Math.cos((Math.PI * x) / 5))) / 2);
    expectCurve(curve(target, schedulers, 15), [...exponential, ...Array(5).fill(last), ...cosine]);
  });

  it('counts last_step from construction and resumes from last_step with initial values', () => {
    const target = optimizer();
    const scheduler = new StepLR({ optimizer: target, gamma: 0.1, step_size: 3 });
    expect(scheduler.lastStep).toBe(0);
    const counts: number[] = [];
    for (let step = 0; step < 10; step++) {
      scheduler.step();
      counts.push(scheduler.lastStep);
    }
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const fresh = optimizer();
    expect(() => new StepLR({ optimizer: fresh, gamma: 0.1, step_size: 3, last_step: 10 })).toThrow(
      "StepLR: param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
    );
    const first = new ExponentialLR({ optimizer: fresh, gamma: 0.9 });
    // train epochs 0-4, save a checkpoint before the scheduler steps after epoch 4, resume
    const values = [...curve(fresh, [first], 4), fresh.paramGroups[0]?.lr as number];
    const resumed = new ExponentialLR({ optimizer: fresh, gamma: 0.9, last_step: 4 });
    values.push(...curve(fresh, [resumed], 5));
    expectCurve(values, Array.from({ length: 10 }, (_, x) => 0.05 * 0.9 ** x));
  });

  it('updates base_param_settings of a wrapper with several groups', () => {
    const wrapper = new OptimWrapper({ optimizer: optimizer() });
    const scheduler = new StepLR({ optimizer: wrapper, step_size: 1, gamma: 0.5 });
    scheduler.step();
    expect(wrapper.getLr()).toEqual({ base_lr: [0.025], lr: [0.025, 0.25] });
    expect(scheduler.getLastValue()).toEqual([0.025, 0.25, 0.025]);
  });

  it('schedules betas[0] of Adam as the momentum', () => {
    const [a] = [tensor([0], { requiresGrad: true })];
    params.push(a);
    const adam = new Adam({ params: [a], betas: [0.9, 0.99] });
    const scheduler = new LinearMomentum({ optimizer: adam, start_factor: 0.5, end: 3 });
    expect(adam.paramGroups[0]?.betas).toEqual([0.45, 0.99]);
    scheduler.step();
    expect(adam.paramGroups[0]?.betas).toEqual([0.675, 0.99]);
    expect(scheduler.stateDict().use_betas).toBe(true);
  });
});

describe('scheduler errors', () => {
  it('names the offending option', () => {
    const target = optimizer();
    expect(() => new StepLR({ optimizer: target, gamma: 0.1, step_size: 3, begin: 10, end: 5 })).toThrow('StepLR: end should be larger than begin, but got begin=10, end=5');
    expect(() => new CosineAnnealingLR({ optimizer: target, T_Max: 5 } as never)).toThrow(
      'CosineAnnealingLR: unknown option "T_Max" (known options: optimizer, param_name, begin, end, last_step, by_epoch, verbose, T_max, eta_min, eta_min_ratio)',
    );
    expect(() => new ConstantLR({ optimizer: target, factor: 99 })).toThrow('ConstantParamScheduler: the constant multiplicative factor should be between 0 and 1, got 99');
    expect(() => new LinearLR({ optimizer: target, start_factor: 10, end: 900 })).toThrow('LinearParamScheduler: the starting multiplicative factor should be between 0 and 1, got 10');
    expect(() => new LinearLR({ optimizer: target, end_factor: 1.001, end: 900 })).toThrow('LinearParamScheduler: the ending multiplicative factor should be between 0 and 1, got 1.001');
    expect(() => new StepLR({ optimizer: 'optimizer' as never, step_size: 1 })).toThrow('StepLR: optimizer must be an Optimizer or an OptimWrapper, got "optimizer"');
    expect(() => new CosineRestartParamScheduler({ optimizer: target, param_name: 'lr', periods: [5] })).toThrow(
      'CosineRestartParamScheduler: either eta_min or eta_min_ratio should be specified, got eta_min=null, eta_min_ratio=null',
    );
    expect(() => new ReduceOnPlateauLR({ optimizer: target, by_epoch: false })).toThrow('ReduceOnPlateauParamScheduler: only by_epoch: true is supported');
    expect(() => new ReduceOnPlateauLR({ optimizer: target, factor: 1 })).toThrow('ReduceOnPlateauParamScheduler: factor should be < 1.0, got 1');
    expect(() => StepLR.toIterBased({ step_size: 1, by_epoch: false }, 10)).toThrow('StepLR: only epoch-based configs (by_epoch: true) can be converted to iter-based');
    const [a] = [tensor([0], { requiresGrad: true })];
    params.push(a);
    expect(() => new LinearMomentum({ optimizer: new Adagrad({ params: [a] }) })).toThrow(
      'LinearMomentum: the optimizer must support momentum (a "momentum" or "betas" option) to use a momentum scheduler',
    );
  });

  it('stops OneCycle after total_steps', () => {
    const target = optimizer();
    const scheduler = new OneCycleLR({ optimizer: target, eta_max: 0.1, total_steps: 3, by_epoch: false });
    scheduler.step();
    scheduler.step();
    scheduler.step();
    expect(() => scheduler.step()).toThrow('OneCycleParamScheduler: tried to step 5 times; the specified number of total steps is 3');
  });
});

describe('scheduler state dicts', () => {
  it('save MMEngine’s attributes and restore them into another scheduler', () => {
    const target = optimizer();
    const scheduler = new MultiStepLR({ optimizer: target, gamma: 0.1, milestones: [2, 5, 5, 9] });
    for (let step = 0; step < 10; step++) scheduler.step();
    const dict = scheduler.stateDict();
    expect(dict).toEqual({
      param_name: 'lr',
      begin: 0,
      end: INF,
      by_epoch: true,
      base_values: [0.05, 0.5],
      last_step: 10,
      _global_step: 10,
      verbose: false,
      _last_value: scheduler.getLastValue(),
      milestones: { 2: 1, 5: 2, 9: 1 },
      gamma: 0.1,
    });
    const copy = new MultiStepLR({ optimizer: optimizer(), gamma: 0.01, milestones: [1, 4, 6] });
    copy.loadStateDict(dict);
    expect(copy.stateDict()).toEqual(dict);
    expect(copy.getLastValue()).toEqual(scheduler.getLastValue());
  });

  it('let ReduceOnPlateau resume in the middle of a plateau', () => {
    const metrics = [1, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0];
    const run = (scheduler: ReduceOnPlateauParamScheduler, values: number[], target: SGD) =>
      values.map((value) => {
        scheduler.step();
        scheduler.step({ loss: value });
        return target.paramGroups[0]?.lr as number;
      });
    const targetA = optimizer();
    const a = new ReduceOnPlateauLR({ optimizer: targetA, patience: 1, factor: 0.5, min_value: [0.02, 0.2] });
    const first = run(a, metrics.slice(0, 3), targetA);
    const targetB = optimizer();
    const b = new ReduceOnPlateauLR({ optimizer: targetB, patience: 1, factor: 0.5, min_value: [0.02, 0.2] });
    b.loadStateDict(a.stateDict());
    targetB.paramGroups.forEach((group, index) => {
      group.lr = targetA.paramGroups[index]?.lr;
    });
    expect(a.stateDict()).toMatchObject({ best: 0.9, num_bad_epochs: 1, monitor: 'loss', rule: 'less', rule_worse: INF, min_values: [0.02, 0.2] });
    expect('base_values' in a.stateDict()).toBe(false);
    expect(first).toEqual([0.05, 0.05, 0.05]);
    expect(run(b, metrics.slice(3), targetB)).toEqual(run(a, metrics.slice(3), targetA));
    expect(targetA.paramGroups.map((group) => group.lr)).toEqual([0.02, 0.2]);
    expect(() => a.step({ accuracy: 1 })).toThrow('ReduceOnPlateauLR.step: expected the key "loss" in the metrics, got keys ["accuracy"]');
  });

  it('append the last min_value for base_param_settings of a wrapper', () => {
    const wrapper = new OptimWrapper({ optimizer: optimizer() });
    const scheduler = new ReduceOnPlateauLR({ optimizer: wrapper, min_value: [0.01, 0.1] });
    expect(scheduler.stateDict().min_values).toEqual([0.01, 0.1, 0.1]);
    expect(() => new ReduceOnPlateauLR({ optimizer: wrapper, min_value: [0.01] })).toThrow('ReduceOnPlateauParamScheduler: expected 2 min_value entries, got 1');
  });
});
