import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { register as registerDatasets } from '@mmpt/datasets';
import { gpuSuiteTitle, gpuTestBackend } from '@mmpt/gpu/testing';
import { register as registerModels } from '@mmpt/models';
import { AmpOptimWrapper, SGD, register as registerOptim } from '@mmpt/optim';
import { createRegistries } from '@mmpt/registry';
import { Parameter, tensor } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { register as registerToy } from '../__fixtures__/toy-plugin';
import { register } from '../register';
import { buildRunner } from './build-runner';

const gpu = await gpuTestBackend();

function toyConfig(): Config {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-amp-webgpu-'));
  for (const label of ['dark', 'light']) {
    mkdirSync(join(root, label), { recursive: true });
    for (let index = 0; index < 16; index++) writeFileSync(join(root, label, `${index}.png`), '');
  }
  return Config.fromDict({
    model: { type: 'ImageClassifier', backbone: { type: 'ToyNet' }, head: { type: 'LinearClsHead', num_classes: 2, in_channels: 8 }, data_preprocessor: { mean: [100], std: [50] } },
    train_dataloader: { batch_size: 8, dataset: { type: 'CustomDataset', data_prefix: root, pipeline: [{ type: 'PackToy' }] }, sampler: { type: 'DefaultSampler', shuffle: true } },
    optim_wrapper: { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } },
    train_cfg: { by_epoch: true, max_epochs: 2 },
    default_hooks: { logger: { type: 'LoggerHook', interval: 2 } },
    randomness: { seed: 5 },
  });
}

describe.skipIf(!gpu)(gpuSuiteTitle('mixed precision (AmpOptimWrapper) on WebGPU', gpu), () => {
  afterAll(() => gpu?.dispose());

  it('skips an overflowed step and halves the scale, reading the check back asynchronously', async () => {
    const weight = new Parameter(tensor([1, 2], { backend: gpu }));
    const wrapper = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), loss_scale: 'dynamic' });
    // WebGPU reads back only asynchronously: the synchronous path names the way out.
    const overflow = weight.mul(tensor([Number.POSITIVE_INFINITY, 1], { backend: gpu })).sum();
    expect(() => wrapper.updateParams(overflow)).toThrow(/only does asynchronously; use unscaleAsync\/stepAsync/);
    overflow.dispose();
    wrapper.zeroGrad();
    const fresh = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), loss_scale: 'dynamic' });
    const infinite = weight.mul(tensor([Number.POSITIVE_INFINITY, 1], { backend: gpu })).sum();
    await fresh.updateParamsAsync(infinite);
    infinite.dispose();
    expect(fresh.lastStepSkipped).toBe(true);
    expect(fresh.lossScaler.getScale()).toBe(32768);
    expect(Array.from(await weight.data())).toEqual([1, 2]);
    const finite = weight.sum();
    await fresh.updateParamsAsync(finite);
    finite.dispose();
    expect(fresh.lastStepSkipped).toBe(false);
    expect(Array.from(await weight.data())).toEqual([0, 1]);
    weight.dispose();
  });

  it('trains through the runner with --amp on the WebGPU device', async () => {
    const registries = createRegistries();
    for (const fill of [registerDatasets, registerModels, registerOptim, register, registerToy]) fill(registries);
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-amp-webgpu-run-'));
    const runner = await buildRunner(toyConfig(), { registries, workDir, device: 'webgpu', amp: true });
    runner.logger.setFile(join(runner.logDir, 'test.log'));
    expect(runner.requireOptimWrapper()).toBeInstanceOf(AmpOptimWrapper);
    await runner.train();
    const loss = runner.messageHub.scalars.get('train/loss')?.current();
    expect(Number.isFinite(loss)).toBe(true);
    expect(runner.iter).toBe(8);
    await runner.dispose();
  });
});
