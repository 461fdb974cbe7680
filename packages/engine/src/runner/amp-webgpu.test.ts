import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gpuSuiteTitle, gpuTestBackend } from '@mmpt/gpu/testing';
import { AmpOptimWrapper, SGD } from '@mmpt/optim';
import { Parameter, tensor } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { toyConfig, toyDataFolder, toyRegistries } from '../__fixtures__/toy-run';
import { buildRunner } from './build-runner';

const gpu = await gpuTestBackend();

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
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-amp-webgpu-run-'));
    // One epoch of the toy run (8 iterations), then its validation, on the GPU.
    const config = toyConfig(toyDataFolder(), 1, { default_hooks: { logger: { type: 'LoggerHook', interval: 2 } } });
    const runner = await buildRunner(config, { registries: toyRegistries(), workDir, device: 'webgpu', amp: true });
    runner.logger.setFile(join(runner.logDir, 'test.log'));
    expect(runner.requireOptimWrapper()).toBeInstanceOf(AmpOptimWrapper);
    await runner.train();
    const loss = runner.messageHub.scalars.get('train/loss')?.current();
    expect(Number.isFinite(loss)).toBe(true);
    expect(runner.iter).toBe(8);
    await runner.dispose();
  });
});
