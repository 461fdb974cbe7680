import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { infer, test, train } from '@mmpt/cli';
import { loadMnistPackageDigits } from '@mmpt/datasets';
import { describe, expect, it } from 'vitest';
import { makeDigitDataset } from './make-dataset';

const config = fileURLToPath(new URL('../configs/lenet5_1xb32-10e_my-digits.ts', import.meta.url));

describe('training on a custom folder dataset', () => {
  it('writes the class folders, trains, tests and names the predicted classes by folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmpt-custom-data-'));
    const data = join(root, 'my_digits');
    const counts = makeDigitDataset({ out: data, perClass: 10, digits: loadMnistPackageDigits() });
    expect(counts).toEqual({ train: { four: 8, nine: 8, one: 8, seven: 8 }, val: { four: 2, nine: 2, one: 2, seven: 2 } });
    expect(readdirSync(join(data, 'val')).sort()).toEqual(['four', 'nine', 'one', 'seven']);

    const cfgOptions = [
      `train_dataloader.dataset.data_root=${data}`,
      `val_dataloader.dataset.data_root=${data}`,
      `test_dataloader.dataset.data_root=${data}`,
      'train_dataloader.num_workers=0',
      'val_dataloader.num_workers=0',
      'test_dataloader.num_workers=0',
      'train_dataloader.batch_size=8',
      'train_cfg.max_epochs=2',
    ];
    const workDir = join(root, 'work');
    const validation = await train(config, { device: 'cpu', workDir, cfgOptions });
    expect(Object.keys(validation)).toEqual(expect.arrayContaining(['accuracy/top1', 'single-label/precision', 'single-label/recall']));
    const checkpoint = join(workDir, 'epoch_2.safetensors');
    const metrics = await test(config, checkpoint, { device: 'cpu', workDir, cfgOptions });
    expect(metrics['accuracy/top1']).toBe(validation['accuracy/top1']);

    const predictions = await infer(config, checkpoint, join(data, 'val', 'seven'), { device: 'cpu', cfgOptions, topk: 4 });
    expect(predictions).toHaveLength(2);
    for (const prediction of predictions) expect(prediction.topk.map((item) => item.class).sort()).toEqual(['four', 'nine', 'one', 'seven']);
  }, 60_000);
});
