import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TinyRun, createTinyRun } from './__fixtures__/tiny-run';
import { describeError, runCli } from './run-cli';

/** Runs the CLI in-process and captures what it writes. */
async function mmpt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('mmpt errors', () => {
  let run: TinyRun;
  beforeAll(() => {
    run = createTinyRun();
  });

  it('reports a missing config in one line, without a stack', async () => {
    const result = await mmpt('train', 'configs/nowhere/missing_config.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('mmpt: Config file not found: configs/nowhere/missing_config.ts\n');
  });

  it('reports an unknown model name with the closest names of the zoo', async () => {
    const result = await mmpt('print-config', 'lenet5_1xb128-coslr-15e_mnst');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mmpt: Unknown model name "lenet5_1xb128-coslr-15e_mnst": .*closest: lenet5_1xb128-coslr-15e_mnist/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a missing checkpoint', async () => {
    const result = await mmpt('test', run.config, join(run.root, 'epoch_9.safetensors'), '--device', 'cpu');
    expect(result).toMatchObject({ code: 1, stderr: `mmpt: Checkpoint not found: ${join(run.root, 'epoch_9.safetensors')}\n` });
    const inferred = await mmpt('infer', run.config, join(run.root, 'epoch_9.safetensors'), run.data, '--device', 'cpu');
    expect(inferred.stderr).toBe(`mmpt: Checkpoint not found: ${join(run.root, 'epoch_9.safetensors')}\n`);
  });

  it('reports a bad override, and shows the stack only with --verbose', async () => {
    const result = await mmpt('print-config', run.config, '--cfg-options', 'model.backbone');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mmpt: Invalid override "model.backbone": expected key=value/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const verbose = await mmpt('print-config', run.config, '--cfg-options', 'model.backbone', '--verbose');
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/Invalid override "model.backbone"[\s\S]*\n\s+at /);
  });

  it('reports an unknown type of a config with the registry and the closest names', async () => {
    const result = await mmpt('train', run.config, '--cfg-options', 'model.backbone.type=LeNet', '--device', 'cpu');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mmpt: .*LeNet.*LeNet5/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves usage errors and help to commander', async () => {
    const missing = await mmpt('infer', run.config);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: missing required argument 'checkpoint'");
    const help = await mmpt('browse-dataset', '--help');
    expect(help.code).toBe(0);
    for (const option of ['-o, --output-dir', '-p, --phase', '-n, --show-number', '-i, --show-interval', '-m, --mode', '-r, --rescale-factor', '-c, --channel-order', '--cfg-options']) {
      expect(help.stdout).toContain(option);
    }
    const badMode = await mmpt('browse-dataset', run.config, '-m', 'sideways');
    expect(badMode.code).toBe(1);
    expect(badMode.stderr).toContain("argument 'sideways' is invalid");
  });

  it('joins the lines of a message unless verbose', () => {
    const error = new Error('first line\n  second line', { cause: new Error('the cause') });
    expect(describeError(error)).toBe('first line second line');
    expect(describeError(error, true)).toMatch(/^Error: first line\n {2}second line\n\s+at [\s\S]*Caused by: Error: the cause/);
    expect(describeError('plain')).toBe('plain');
  });
});

describe('mmpt train, test, infer, analyze-logs, print-config, list-models', () => {
  let run: TinyRun;
  beforeAll(() => {
    run = createTinyRun();
  });

  it('trains, then evaluates and classifies with the checkpoint, and plots the log', async () => {
    const trained = await mmpt('train', run.config, '--device', 'cpu', '--cfg-options', 'train_cfg.max_epochs=2');
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const metrics = JSON.parse(trained.stdout.trim().split('\n').at(-1) as string) as Record<string, number>;
    expect(metrics['accuracy/top1']).toBeGreaterThanOrEqual(50);
    const checkpoint = join(run.workDir, 'epoch_2.safetensors');
    expect(existsSync(checkpoint)).toBe(true);
    const runDir = readdirSync(run.workDir).find((name) => /^\d{8}_\d{6}$/.test(name)) as string;
    expect(existsSync(join(run.workDir, runDir, 'curves.png'))).toBe(true);

    const out = join(run.root, 'metrics.json');
    const tested = await mmpt('test', run.config, checkpoint, '--device', 'cpu', '--out', out);
    expect(tested.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ 'accuracy/top1': metrics['accuracy/top1'] });

    const predictions = join(run.root, 'predictions.json');
    const inferred = await mmpt('infer', run.config, checkpoint, join(run.data, 'val', 'light'), '--device', 'cpu', '--topk', '2', '--out', predictions);
    expect(inferred.code).toBe(0);
    expect(inferred.stdout).toContain(`${join(run.data, 'val', 'light', 'light_0.png')}\n  1. `);
    expect(inferred.stdout).toMatch(/ {2}2\. (dark \(0\)|light \(1\)) +0\.\d{4}\n/);
    expect(inferred.stderr).toContain('all keys match');
    const written = JSON.parse(readFileSync(predictions, 'utf8')) as Array<{ image: string; topk: unknown[] }>;
    expect(written.map((item) => item.image)).toEqual(Array.from({ length: 8 }, (_, index) => join(run.data, 'val', 'light', `light_${index}.png`)));
    expect(written.every((item) => item.topk.length === 2)).toBe(true);
    const batched = join(run.root, 'predictions-batched.json');
    const inBatches = await mmpt('infer', run.config, checkpoint, join(run.data, 'val', 'light'), '--device', 'cpu', '--topk', '2', '--batch-size', '3', '--out', batched);
    expect(inBatches.code).toBe(0);
    expect(readFileSync(batched, 'utf8')).toBe(readFileSync(predictions, 'utf8'));
    const zero = await mmpt('infer', run.config, checkpoint, join(run.data, 'val', 'light'), '--device', 'cpu', '--batch-size', '0');
    expect(zero).toMatchObject({ code: 1, stderr: 'mmpt: --batch-size must be a positive integer, got 0\n' });

    const png = join(run.root, 'curves.png');
    const plotted = await mmpt('analyze-logs', join(run.workDir, runDir, 'vis_data', 'scalars.json'), '--keys', 'loss', 'accuracy/top1', '--out', png);
    expect(plotted).toMatchObject({ code: 0, stdout: `Plotted loss, accuracy/top1 to ${png}\n` });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const noLog = await mmpt('analyze-logs', join(run.root, 'none.json'));
    expect(noLog.stderr).toMatch(/^mmpt: Log not found: .*none\.json/);
  }, 60_000);

  it('browses a dataset with the options of the guide', async () => {
    const outputDir = join(run.root, 'browse');
    const browsed = await mmpt('browse-dataset', run.config, '-o', outputDir, '-p', 'val', '-n', '2', '-i', '0.5', '-m', 'concat', '-r', '2', '-c', 'RGB', '--cfg-options', 'val_dataloader.batch_size=2');
    expect(browsed).toMatchObject({ code: 0, stdout: `Wrote 2 images to ${outputDir}\n`, stderr: '' });
    expect(readdirSync(outputDir).sort()).toEqual(['0_dark_0.png', '1_dark_1.png']);
  });

  it('prints a config with its overrides', async () => {
    const printed = await mmpt('print-config', run.config, '--cfg-options', 'train_dataloader.batch_size=2');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/batch_size: 2/);
    expect(printed.stdout).toContain("type: 'LeNet5'");
  });

  it('lists the models of a configs folder, filtered by a pattern', async () => {
    const configs = join(run.root, 'configs');
    for (const [folder, name] of [['lenet', 'lenet5_1xb128-coslr-15e_mnist'], ['resnet', 'resnet18_8xb16_cifar10'], ['resnet', 'resnet50_8xb32_in1k']]) {
      mkdirSync(join(configs, folder as string), { recursive: true });
      writeFileSync(join(configs, folder as string, `${name}.ts`), 'export default {};\n');
    }
    const all = await mmpt('list-models', '--configs', configs);
    expect(all.stdout).toBe('lenet5_1xb128-coslr-15e_mnist\nresnet18_8xb16_cifar10\nresnet50_8xb32_in1k\n');
    const some = await mmpt('list-models', 'resnet*cifar*', '--configs', configs);
    expect(some.stdout).toBe('resnet18_8xb16_cifar10\n');
  });
});
