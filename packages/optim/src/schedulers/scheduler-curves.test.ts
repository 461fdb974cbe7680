import { readFileSync } from 'node:fs';
import { createRegistries } from '@mmpt/registry';
import { type Tensor, createCpuBackend, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../optimizers/adam';
import type { Optimizer } from '../optimizers/optimizer';
import { SGD } from '../optimizers/sgd';
import { register } from '../register';
import { buildParamSchedulers } from './build-param-schedulers';
import type { ParamScheduler } from './param-scheduler';

interface CurveCase {
  name: string;
  schedulers: Array<Record<string, unknown> & { type: string }>;
  epochs: number;
  epoch_length: number;
  max_epochs: number;
  max_iters: number;
  optimizer: 'SGD' | 'Adam';
  groups: Array<Record<string, unknown>>;
  read: string;
  metrics?: Array<Record<string, number>>;
  expected: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/scheduler-curves.json', import.meta.url), 'utf8')) as { cases: CurveCase[] };
const registries = createRegistries();
register(registries);

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** Runs schedulers as MMEngine's ParamSchedulerHook does and records the option before every iteration. */
function runSchedule(
  optimizer: Optimizer,
  schedulers: Array<ParamScheduler<object>>,
  options: { epochs: number; epochLength: number; read: (group: Record<string, unknown>) => number; metrics?: Array<Record<string, number>> },
): number[][] {
  const values: number[][] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let iteration = 0; iteration < options.epochLength; iteration++) {
      values.push(optimizer.paramGroups.map(options.read));
      for (const scheduler of schedulers) if (!scheduler.byEpoch) scheduler.step();
    }
    for (const scheduler of schedulers) if (scheduler.byEpoch) scheduler.step();
    if (options.metrics) {
      for (const scheduler of schedulers) {
        if (scheduler.needValArgs) (scheduler as unknown as { step(metrics: Record<string, number>): void }).step(options.metrics[epoch] as Record<string, number>);
      }
    }
  }
  return values;
}

describe('scheduler curves against MMEngine (restated) and torch.optim.lr_scheduler', () => {
  for (const testCase of fixture.cases) {
    it(testCase.name, () => {
      const params: Tensor[] = testCase.groups.map(() => tensor([0], { requiresGrad: true }));
      const groups = testCase.groups.map((group, index) => ({ ...group, params: [params[index] as Tensor] }));
      const optimizer: Optimizer = testCase.optimizer === 'Adam' ? new Adam({ params: groups }) : new SGD({ params: groups, lr: 0.05 });
      const schedulers = buildParamSchedulers(testCase.schedulers, {
        optimWrapper: optimizer,
        registries,
        maxEpochs: testCase.max_epochs,
        maxIters: testCase.max_iters,
        epochLength: testCase.epoch_length,
      });
      const read = testCase.read === 'betas0' ? (group: Record<string, unknown>) => (group.betas as number[])[0] as number : (group: Record<string, unknown>) => group[testCase.read] as number;
      const values = runSchedule(optimizer, schedulers, { epochs: testCase.epochs, epochLength: testCase.epoch_length, read, metrics: testCase.metrics });
      expect(values.length).toBe(testCase.expected.length);
      values.forEach((row, step) => {
        row.forEach((value, group) => {
          const want = testCase.expected[step]?.[group] as number;
          if (!(Math.abs(value - want) <= 1e-15 + 1e-12 * Math.abs(want))) expect.fail(`${testCase.name} step ${step} group ${group}: got ${value}, expected ${want}`);
        });
      });
      for (const param of params) param.dispose();
    });
  }
});
