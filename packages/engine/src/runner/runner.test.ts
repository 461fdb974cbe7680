import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toyConfig, toyDataFolder, toyRegistries } from '../__fixtures__/toy-run';
import { buildRunner } from './build-runner';

const data = toyDataFolder();
const config = (maxEpochs: number, extra: Record<string, unknown> = {}) => toyConfig(data, maxEpochs, extra);
const registries = toyRegistries;

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
