import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMnistPackageDigits, prepareMnist } from '@mmpt/datasets';
import { describe, expect, it } from 'vitest';
import { trainInCode } from './train-in-code';

describe('trainInCode', () => {
  it('trains and validates LeNet-5 with a Runner assembled in code', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmpt-programmatic-'));
    // Eight digits of each class: six to train on, two to validate.
    const digits = loadMnistPackageDigits().map((entry) => ({ ...entry, count: 8, pixels: entry.pixels.slice(0, 8 * 28 * 28) }));
    const { out } = prepareMnist({ out: join(root, 'mnist'), digits, testFraction: 0.25 });
    const result = await trainInCode({ dataRoot: out, workDir: join(root, 'work'), maxEpochs: 2, batchSize: 20, device: 'cpu', logInterval: 1 });
    expect(result.device).toBe('cpu: as asked');
    expect(result.history).toHaveLength(2);
    expect(result.history.every((metrics) => typeof metrics['accuracy/top1'] === 'number')).toBe(true);
    expect(result.epochLosses).toHaveLength(2);
    expect(result.epochLosses.every((loss) => Number.isFinite(loss) && loss > 0)).toBe(true);
    expect(existsSync(result.checkpoint)).toBe(true);
    // max_keep_ckpts: 1 removed the first epoch's checkpoint.
    expect(existsSync(join(root, 'work', 'epoch_1.safetensors'))).toBe(false);
  }, 60_000);
});
