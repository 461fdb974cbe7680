import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '@mmpt/config';
import { BatchNorm1d, Linear, Sequential, createCpuBackend, readSafetensors, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { toyConfig, toyDataFolder, toyRegistries } from '../__fixtures__/toy-run';
import { ExponentialMovingAverage } from '../averaged-models/exponential-moving-average';
import { MomentumAnnealingEMA } from '../averaged-models/momentum-annealing-ema';
import { StochasticWeightAverage } from '../averaged-models/stochastic-weight-average';
import { register } from '../register';
import { buildRunner } from '../runner/build-runner';
import type { RunnableModel } from '../runner/runnable-model';
import { Runner } from '../runner/runner';
import { EMAHook } from './ema-hook';
import { Hook } from './hook';

type Weights = Array<readonly [string, number[]]>;

const data = toyDataFolder();

/**
 * Records, during a run, the model's weights when validation predicts, and after validation (once
 * EMAHook swapped back, at a lower priority) the model's own weights and the averaged ones; and
 * the model's weights after every training iteration (after the EMA update).
 */
class EmaRecorder extends Hook {
  override priority = 'LOW' as const;
  static last: EmaRecorder | undefined;
  duringValidation: Weights[] = [];
  afterValidation: Array<{ model: Weights; averaged: Weights }> = [];
  trainTrajectory: Weights[] = [];

  constructor() {
    super();
    EmaRecorder.last = this;
  }

  override beforeValIter(runner: Runner, batchIndex: number): void {
    if (batchIndex === 0) this.duringValidation.push(snapshot(runner.model.stateDict()));
  }

  override afterValEpoch(runner: Runner): void {
    this.afterValidation.push({ model: snapshot(runner.model.stateDict()), averaged: snapshot(emaHook(runner).averagedModel?.moduleStateDict() ?? new Map()) });
  }

  override afterTrainIter(runner: Runner): void {
    this.trainTrajectory.push(snapshot(runner.model.stateDict()));
  }
}

function snapshot(state: ReadonlyMap<string, { dataSync(): ArrayLike<number> }>): Weights {
  return [...state].map(([name, value]) => [name, Array.from(value.dataSync())] as const);
}

function emaHook(runner: Runner): EMAHook {
  const hook = runner.hooks.find((item): item is EMAHook => item instanceof EMAHook);
  if (!hook) throw new Error('no EMAHook');
  return hook;
}

function registries() {
  const result = toyRegistries();
  result.hooks.register(EmaRecorder);
  return result;
}

/** The runner tests' toy run, with EMAHook (momentum 0.1) and the recorder. */
function config(maxEpochs: number, extra: Record<string, unknown> = {}): Config {
  return toyConfig(data, maxEpochs, {
    default_hooks: { logger: { type: 'LoggerHook', interval: 4 }, checkpoint: { type: 'CheckpointHook', interval: 1 } },
    custom_hooks: [
      { type: 'EMAHook', momentum: 0.1, priority: 'ABOVE_NORMAL' },
      { type: 'EmaRecorder' },
    ],
    ...extra,
  });
}

async function trainRun(workDir: string, maxEpochs: number, options: { resume?: boolean; extra?: Record<string, unknown> } = {}) {
  const runner = await buildRunner(config(maxEpochs, options.extra), { registries: registries(), workDir, device: 'cpu', resume: options.resume ?? false });
  runner.logger.setFile(join(runner.logDir, 'test.log'));
  await runner.train();
  const averaged = runner.hooks.find((item): item is EMAHook => item instanceof EMAHook)?.averagedModel;
  const result = {
    weights: snapshot(runner.model.stateDict()),
    averaged: snapshot(averaged?.moduleStateDict() ?? new Map()),
    steps: averaged?.steps,
    accuracy: runner.messageHub.scalars.get('val/accuracy/top1')?.current(),
    recorder: EmaRecorder.last as EmaRecorder,
    log: readFileSync(join(runner.logDir, 'test.log'), 'utf8'),
  };
  await runner.dispose();
  return result;
}

function fileWeights(path: string): Weights {
  return [...readSafetensors(new Uint8Array(readFileSync(path)), path).tensors].map(([name, host]) => [name, Array.from(host.data)] as const);
}

describe('EMAHook', () => {
  it('checks its options and defaults to MMEngine values', () => {
    const hook = new EMAHook();
    expect(hook.priority).toBe('NORMAL');
    expect(hook.strictLoad).toBe(false);
    expect(hook.evaluateOnEma).toBe(true);
    expect(() => new EMAHook({ begin_iter: 2, begin_epoch: 1 })).toThrow(/begin_iter \(2\) and begin_epoch \(1\) cannot both be set/);
    expect(() => new EMAHook({ begin_iter: -1 })).toThrow(/begin_iter must be a non-negative integer, got -1/);
    expect(() => new EMAHook({ evaluate_on_origin: true })).toThrow(/evaluate_on_ema and evaluate_on_origin both true/);
    expect(new EMAHook({ evaluate_on_ema: false }).evaluateOnEma).toBe(false);
  });

  it('trains with the EMA of the weights, validates with it, and saves it as the checkpoint weights', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-'));
    const defaultHooks = { logger: { type: 'LoggerHook', interval: 4 }, checkpoint: { type: 'CheckpointHook', interval: 1, max_keep_ckpts: 1 } };
    const run = await trainRun(workDir, 2, { extra: { default_hooks: defaultHooks } });
    const { recorder } = run;
    // max_keep_ckpts removes the EMA file with the rest of an old checkpoint.
    expect(existsSync(join(workDir, 'epoch_1.ema.safetensors'))).toBe(false);
    expect(existsSync(join(workDir, 'epoch_1.safetensors'))).toBe(false);
    // 2 epochs of 8 iterations: one update per iteration.
    expect(run.steps).toBe(16);
    expect(recorder.trainTrajectory).toHaveLength(16);
    // The average follows avg = 0.9 avg + 0.1 source over the recorded trajectory (the first update copies).
    const expected = recorder.trainTrajectory[0]?.map(([name, values]) => [name, [...values]] as [string, number[]]) ?? [];
    for (const step of recorder.trainTrajectory.slice(1)) {
      step.forEach(([, values], index) => {
        const average = expected[index]?.[1] as number[];
        values.forEach((value, position) => (average[position] = 0.9 * (average[position] as number) + 0.1 * value));
      });
    }
    expected.forEach(([name, values], index) => {
      const [gotName, got] = run.averaged[index] as readonly [string, number[]];
      expect(gotName).toBe(name);
      got.forEach((value, position) => expect(value).toBeCloseTo(values[position] as number, 5));
    });
    // Validation ran with the averaged weights and the model got its own weights back after it.
    expect(recorder.duringValidation).toHaveLength(2);
    recorder.afterValidation.forEach(({ model, averaged }, epoch) => {
      expect(recorder.duringValidation[epoch]).toEqual(averaged);
      expect(model).not.toEqual(averaged);
    });
    expect(recorder.afterValidation[1]?.model).toEqual(run.weights);
    // The checkpoint's weights file holds the averaged weights; the EMA file the model's own weights and steps.
    expect(fileWeights(join(workDir, 'epoch_2.safetensors'))).toEqual(run.averaged);
    const emaFile = fileWeights(join(workDir, 'epoch_2.ema.safetensors'));
    expect(emaFile[0]).toEqual(['steps', [16]]);
    expect(emaFile.slice(1)).toEqual(run.weights.map(([name, values]) => [`module.${name}`, values]));
    const meta = JSON.parse(readFileSync(join(workDir, 'epoch_2.json'), 'utf8')) as { meta: Record<string, unknown> };
    expect(meta.meta.ema_state_dict).toBe('epoch_2.ema.safetensors');
    expect(meta.meta.state_dict).toBeUndefined();
  }, 60_000);

  it('resumes exactly: the same weights, averaged weights and steps as an uninterrupted run', async () => {
    const straight = await trainRun(mkdtempSync(join(tmpdir(), 'mmpt-ema-straight-')), 4);
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-resume-'));
    await trainRun(workDir, 2);
    const resumed = await trainRun(workDir, 4, { resume: true });
    expect(resumed.weights).toEqual(straight.weights);
    expect(resumed.averaged).toEqual(straight.averaged);
    expect(resumed.steps).toBe(32);
    expect(resumed.accuracy).toBe(straight.accuracy);
    expect(resumed.log).not.toMatch(/There is no `ema_state_dict`/);
  }, 60_000);

  it('starts the average from the loaded weights with load_from of a plain checkpoint, and warns when resuming one', async () => {
    const plainDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-plain-'));
    await trainRun(plainDir, 1, { extra: { custom_hooks: [] } });
    const plain = join(plainDir, 'epoch_1.safetensors');
    const loaded = fileWeights(plain);

    const runner = await buildRunner(config(1), { registries: registries(), workDir: mkdtempSync(join(tmpdir(), 'mmpt-ema-load-')), device: 'cpu', loadFrom: plain });
    runner.logger.setFile(join(runner.logDir, 'test.log'));
    await runner.val();
    expect(snapshot(emaHook(runner).averagedModel?.moduleStateDict() ?? new Map())).toEqual(loaded);
    expect(snapshot(runner.model.stateDict())).toEqual(loaded);
    await runner.dispose();

    const resumeDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-resume-plain-'));
    const resumed = await buildRunner(config(2), { registries: registries(), workDir: resumeDir, device: 'cpu', resume: plain });
    resumed.logger.setFile(join(resumed.logDir, 'test.log'));
    const averaged = emaHook(resumed).averagedModel;
    expect(snapshot(averaged?.moduleStateDict() ?? new Map())).toEqual(loaded);
    expect(averaged?.steps).toBe(0);
    await resumed.dispose();
    expect(readFileSync(join(resumed.logDir, `${resumed.logDir.split(/[/\\]/).pop()}.log`), 'utf8')).toMatch(/WARNING - There is no `ema_state_dict` in checkpoint/);
  }, 60_000);

  it('loads the averaged weights into the model with load_from of an EMA checkpoint', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-loadema-'));
    const run = await trainRun(workDir, 1);
    const runner = await buildRunner(config(1), { registries: registries(), workDir: mkdtempSync(join(tmpdir(), 'mmpt-ema-loadema2-')), device: 'cpu', loadFrom: join(workDir, 'epoch_1.safetensors') });
    runner.logger.setFile(join(runner.logDir, 'test.log'));
    expect(snapshot(runner.model.stateDict())).toEqual(run.averaged);
    await runner.dispose();
  }, 60_000);
});

describe('EMAHook on a hand-built runner', () => {
  function handRunner(model: Linear | Sequential) {
    const backend = createCpuBackend();
    setDefaultBackend(backend);
    const result = registries();
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-hand-'));
    const runner = new Runner({ model: model as unknown as RunnableModel, backend, workDir, registries: result, seed: 1 });
    runner.logger.setFile(join(workDir, 'test.log'));
    return runner;
  }

  function setWeight(model: Linear, value: number): void {
    tidy(() => model.loadStateDict(new Map([['weight', tensor([[value]])]]), { strict: false }));
  }

  it('copies the model before begin_iter and averages from it on', async () => {
    const model = new Linear(1, 1, { bias: false });
    const runner = handRunner(model);
    const hook = new EMAHook({ begin_iter: 2, momentum: 0.5 });
    await hook.beforeRun(runner);
    const weight = () => hook.averagedModel?.moduleStateDict().get('weight')?.item();
    for (const [iter, value] of [4, 8, 2, 6].entries()) {
      runner.iter = iter;
      setWeight(model, value);
      await hook.afterTrainIter(runner);
      // iter 0: copy 4; iter 1 (iter + 1 >= 2): the first update copies 8; iter 2: 0.5·8 + 0.5·2 = 5; iter 3: 5.5
      expect(weight()).toBe([4, 8, 5, 5.5][iter]);
    }
    expect(hook.averagedModel?.steps).toBe(3);
    await runner.dispose();
  });

  it('starts at begin_epoch (1-based) when given', async () => {
    const model = new Linear(1, 1, { bias: false });
    const runner = handRunner(model);
    const hook = new EMAHook({ begin_epoch: 2, momentum: 0.5 });
    await hook.beforeRun(runner);
    runner.epoch = 0;
    await hook.afterTrainIter(runner);
    expect(hook.averagedModel?.steps).toBe(0);
    runner.epoch = 1;
    await hook.afterTrainIter(runner);
    expect(hook.averagedModel?.steps).toBe(1);
    await runner.dispose();
  });

  it('swaps around test epochs, and around validation only with evaluate_on_ema', async () => {
    const model = new Sequential(new Linear(1, 1, { bias: false }), new BatchNorm1d(1));
    const runner = handRunner(model);
    const layer = model.getSubmodule('0') as Linear;
    const hook = new EMAHook({ momentum: 0.5 });
    await hook.beforeRun(runner);
    setWeight(layer, 2);
    await hook.afterTrainIter(runner);
    setWeight(layer, 6);
    await hook.afterTrainIter(runner);
    await hook.beforeTestEpoch(runner);
    expect(layer.weight.item()).toBe(4);
    await hook.afterTestEpoch(runner);
    expect(layer.weight.item()).toBe(6);
    const originOnly = new EMAHook({ evaluate_on_ema: false });
    await originOnly.beforeRun(runner);
    setWeight(layer, 1);
    await originOnly.afterTrainIter(runner);
    setWeight(layer, 3);
    await originOnly.beforeValEpoch(runner);
    expect(layer.weight.item()).toBe(3);
    await runner.dispose();
  });

  it('refuses an ema_type that is not an averaged model', async () => {
    const runner = handRunner(new Linear(1, 1));
    await expect(async () => new EMAHook({ ema_type: 'Linear' }).beforeRun(runner)).rejects.toThrow(/Linear/);
    runner.registries.models.register('PlainObject', () => ({ kind: 'plain' }));
    await expect(async () => new EMAHook({ ema_type: 'PlainObject' }).beforeRun(runner)).rejects.toThrow(/ema_type "PlainObject" built a Object, which is not an averaged model/);
    await runner.dispose();
  });
});
