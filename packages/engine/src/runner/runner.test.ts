import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { register as registerDatasets } from '@mmpt/datasets';
import { register as registerEvaluation } from '@mmpt/evaluation';
import { register as registerModels } from '@mmpt/models';
import { register as registerOptim } from '@mmpt/optim';
import { createRegistries } from '@mmpt/registry';
import { describe, expect, it } from 'vitest';
import { register as registerToy } from '../__fixtures__/toy-plugin';
import { register } from '../register';
import { buildRunner } from './build-runner';

function dataFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-runner-data-'));
  for (const split of ['train', 'val']) {
    for (const label of ['dark', 'light']) {
      mkdirSync(join(root, split, label), { recursive: true });
      for (let index = 0; index < (split === 'train' ? 32 : 16); index++) writeFileSync(join(root, split, label, `${index}.png`), '');
    }
  }
  return root;
}

const data = dataFolder();

function config(maxEpochs: number, extra: Record<string, unknown> = {}): Config {
  const pipeline = [{ type: 'PackToy' }];
  return Config.fromDict({
    model: {
      type: 'ImageClassifier',
      backbone: { type: 'ToyNet' },
      head: { type: 'LinearClsHead', num_classes: 2, in_channels: 8 },
      data_preprocessor: { mean: [100], std: [50] },
    },
    train_dataloader: { batch_size: 8, dataset: { type: 'CustomDataset', data_prefix: join(data, 'train'), pipeline }, sampler: { type: 'DefaultSampler', shuffle: true } },
    val_dataloader: { batch_size: 16, dataset: { type: 'CustomDataset', data_prefix: join(data, 'val'), pipeline }, sampler: { type: 'DefaultSampler', shuffle: false } },
    val_evaluator: { type: 'Accuracy', topk: [1] },
    optim_wrapper: { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, weight_decay: 0.0001 } },
    param_scheduler: { type: 'CosineAnnealingLR', by_epoch: true, T_max: 4, eta_min: 0, begin: 0, end: 4 },
    train_cfg: { by_epoch: true, max_epochs: maxEpochs, val_interval: 1 },
    val_cfg: {},
    default_hooks: { logger: { type: 'LoggerHook', interval: 4 }, checkpoint: { type: 'CheckpointHook', interval: 1, save_best: 'auto' } },
    randomness: { seed: 7 },
    ...extra,
  });
}

function registries() {
  const result = createRegistries();
  for (const fill of [registerDatasets, registerModels, registerOptim, registerEvaluation, register, registerToy]) fill(result);
  return result;
}

async function trainRun(workDir: string, maxEpochs: number, resume = false) {
  const runner = await buildRunner(config(maxEpochs), { registries: registries(), workDir, device: 'cpu', resume });
  runner.logger.setFile(join(runner.logDir, 'test.log'));
  await runner.train();
  const weights = [...runner.model.stateDict()].map(([name, tensor]) => [name, Array.from(tensor.dataSync())] as const);
  const metrics = Object.fromEntries([...runner.messageHub.scalars].map(([key, buffer]) => [key, buffer.current()]));
  const logDir = runner.logDir;
  await runner.dispose();
  return { weights, metrics, logDir };
}

describe('Runner', () => {
  it('logs the last iteration of an epoch shorter than the logger interval, as MMEngine', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-runner-short-'));
    const runner = await buildRunner(config(1, { default_hooks: { logger: { type: 'LoggerHook', interval: 50 } } }), { registries: registries(), workDir, device: 'cpu' });
    runner.logger.setFile(join(runner.logDir, 'test.log'));
    await runner.train();
    const logDir = runner.logDir;
    await runner.dispose();
    expect(readFileSync(join(logDir, 'test.log'), 'utf8')).toMatch(/Epoch\(train\) \[1\]\[8\/8\]  lr: /);
    expect(existsSync(join(logDir, 'vis_data', 'scalars.json'))).toBe(true);
  });

  it('trains, validates, logs and saves checkpoints', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-runner-'));
    const { metrics, logDir } = await trainRun(workDir, 4);
    expect(metrics['val/accuracy/top1']).toBeGreaterThan(90);
    for (const epoch of [1, 2, 3, 4]) expect(existsSync(join(workDir, `epoch_${epoch}.safetensors`))).toBe(true);
    expect(existsSync(join(workDir, 'epoch_4.json'))).toBe(true);
    expect(existsSync(join(workDir, 'epoch_4.optim.safetensors'))).toBe(true);
    expect(readFileSync(join(workDir, 'last_checkpoint'), 'utf8')).toBe(join(workDir, 'epoch_4.safetensors'));
    const scalars = readFileSync(join(logDir, 'vis_data', 'scalars.json'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, number>);
    expect(scalars.some((record) => 'loss' in record && 'lr' in record)).toBe(true);
    expect(scalars.filter((record) => 'accuracy/top1' in record)).toHaveLength(4);
    expect(readFileSync(join(logDir, 'test.log'), 'utf8')).toMatch(/Epoch\(train\) \[4\]\[8\/8\]  lr: /);
    expect(existsSync(join(logDir, 'vis_data', 'config.ts'))).toBe(true);
  }, 60_000);

  it('resumes exactly where an interrupted run stopped', async () => {
    const straight = await trainRun(mkdtempSync(join(tmpdir(), 'mmpt-straight-')), 4);
    const workDir = mkdtempSync(join(tmpdir(), 'mmpt-resume-'));
    await trainRun(workDir, 2);
    // A second run with the full schedule picks up the last checkpoint of the first.
    const resumed = await trainRun(workDir, 4, true);
    expect(resumed.weights).toEqual(straight.weights);
  }, 60_000);
});
