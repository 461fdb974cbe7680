import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gpuSuiteTitle, gpuTestBackend } from '@mmpt/gpu/testing';
import { BatchNorm1d, Linear, Sequential, type Tensor, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistries } from '@mmpt/registry';
import { EMAHook } from '../hooks/ema-hook';
import type { RunnableModel } from '../runner/runnable-model';
import { Runner } from '../runner/runner';
import { ExponentialMovingAverage } from './exponential-moving-average';

// Skips with a message without an adapter; under CI=true a missing adapter fails instead.
const gpu = await gpuTestBackend();

describe.skipIf(!gpu)(gpuSuiteTitle('averaged models on WebGPU', gpu), () => {
  afterAll(() => gpu?.dispose());

  it('updates, swaps and round-trips its state dict on the GPU backend', async () => {
    const backend = gpu!;
    setDefaultBackend(backend);
    const source = new Sequential(new Linear(2, 1, { bias: false }), new BatchNorm1d(1));
    const set = (values: number[], mean: number) =>
      tidy(() => source.loadStateDict(new Map<string, Tensor>([['0.weight', tensor([values], { backend })], ['1.running_mean', tensor([mean], { backend })]]), { strict: false }));
    const ema = new ExponentialMovingAverage({ model: source, momentum: 0.25 });
    set([4, 8], 1);
    ema.updateParameters(source);
    set([8, 0], 3);
    ema.updateParameters(source);
    const state = ema.stateDict();
    expect(state.get('steps')?.device).toBe(backend.device);
    expect(Array.from(await (state.get('module.0.weight') as Tensor).data())).toEqual([5, 6]);
    expect(Array.from(await (state.get('module.1.running_mean') as Tensor).data())).toEqual([3]);
    ema.swapWith(source);
    expect(Array.from(await source.getParameter('0.weight').data())).toEqual([5, 6]);
    ema.swapWith(source);
    expect(Array.from(await source.getParameter('0.weight').data())).toEqual([8, 0]);
    const copy = new ExponentialMovingAverage({ model: source, momentum: 0.25 });
    await copy.loadStateDict(ema.stateDict());
    expect(copy.steps).toBe(2);
    expect(Array.from(await (copy.moduleStateDict().get('0.weight') as Tensor).data())).toEqual([5, 6]);
    copy.dispose();
    ema.dispose();
    source.dispose();
  });

  it('saves and resumes the EMA state of EMAHook exactly on the GPU backend', async () => {
    const backend = gpu!;
    setDefaultBackend(backend);
    const registries = createRegistries();
    registries.models.register(ExponentialMovingAverage);
    const makeRunner = (model: Linear) => {
      const workDir = mkdtempSync(join(tmpdir(), 'mmpt-ema-gpu-'));
      const runner = new Runner({ model: model as unknown as RunnableModel, backend, workDir, registries, seed: 1 });
      runner.logger.setFile(join(workDir, 'test.log'));
      return runner;
    };
    const model = new Linear(2, 1);
    const runner = makeRunner(model);
    const hook = new EMAHook({ momentum: 0.25 });
    runner.registerHook(hook);
    await hook.beforeRun(runner);
    for (const values of [[1, 2], [5, 6], [9, -2]]) {
      tidy(() => model.loadStateDict(new Map([['weight', tensor([values], { backend })]]), { strict: false }));
      await hook.afterTrainIter(runner);
    }
    const path = await runner.saveCheckpoint(join(runner.workDir, 'iter_3.safetensors'));

    const resumedModel = new Linear(2, 1);
    const resumed = makeRunner(resumedModel);
    const resumedHook = new EMAHook({ momentum: 0.25 });
    resumed.registerHook(resumedHook);
    await resumed.resume(path);
    expect(resumedHook.averagedModel?.steps).toBe(3);
    for (const [name, tensorValue] of model.stateDict()) {
      expect(Array.from(await (resumedModel.stateDict().get(name) as Tensor).data())).toEqual(Array.from(await tensorValue.data()));
    }
    for (const [name, tensorValue] of hook.averagedModel?.moduleStateDict() ?? new Map<string, Tensor>()) {
      expect(Array.from(await (resumedHook.averagedModel?.moduleStateDict().get(name) as Tensor).data())).toEqual(Array.from(await tensorValue.data()));
    }
    hook.averagedModel?.dispose();
    resumedHook.averagedModel?.dispose();
    model.dispose();
    resumedModel.dispose();
  });
});
