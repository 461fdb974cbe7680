// A tiny run for the CLI tests: a folder dataset of 32x32 gray images, dark ("dark") or light
// ("light") with seeded noise, in CustomDataset's sub-folder format, and a JSON config that trains
// LeNet-5 on it for one epoch on the CPU.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGrayPng } from '@mmpt/datasets';
import { Generator } from '@mmpt/tensor';

/** The files of a tiny run. */
export interface TinyRun {
  root: string;
  data: string;
  config: string;
  workDir: string;
}

/** A gray image whose brightness tells its class. */
export function tinyImage(label: number, generator: Generator, size = 32): Uint8Array {
  const pixels = new Uint8Array(size * size);
  for (let index = 0; index < pixels.length; index++) {
    pixels[index] = Math.min(255, Math.max(0, Math.round((label === 0 ? 60 : 190) + 25 * generator.normal())));
  }
  return pixels;
}

/** Writes the dataset (`train`, `val`: `per` images per class) and the config; `extra` is merged into the config. */
export function createTinyRun(extra: Record<string, unknown> = {}, per = 8): TinyRun {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-cli-'));
  const data = join(root, 'data');
  const generator = new Generator(3);
  for (const split of ['train', 'val']) {
    for (const [label, name] of ['dark', 'light'].entries()) {
      mkdirSync(join(data, split, name), { recursive: true });
      for (let index = 0; index < per; index++) writeFileSync(join(data, split, name, `${name}_${index}.png`), encodeGrayPng(32, 32, tinyImage(label, generator)));
    }
  }
  const pipeline = [{ type: 'LoadImageFromFile', color_type: 'grayscale' }, { type: 'Resize', scale: [32, 32] }, { type: 'PackInputs' }];
  const loader = (split: string, shuffle: boolean) => ({
    batch_size: 4,
    num_workers: 0,
    dataset: { type: 'CustomDataset', data_root: data, data_prefix: split, pipeline },
    sampler: { type: 'DefaultSampler', shuffle },
  });
  const workDir = join(root, 'work');
  const config = {
    model: {
      type: 'ImageClassifier',
      backbone: { type: 'LeNet5', num_classes: 2 },
      head: { type: 'ClsHead', loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
      data_preprocessor: { num_classes: 2, mean: [128], std: [64] },
    },
    train_dataloader: loader('train', true),
    val_dataloader: loader('val', false),
    test_dataloader: loader('val', false),
    val_evaluator: { type: 'Accuracy', topk: [1] },
    test_evaluator: { type: 'Accuracy', topk: [1] },
    optim_wrapper: { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 } },
    train_cfg: { by_epoch: true, max_epochs: 1, val_interval: 1 },
    val_cfg: {},
    test_cfg: {},
    default_hooks: { logger: { type: 'LoggerHook', interval: 1 }, checkpoint: { type: 'CheckpointHook', interval: 1 } },
    work_dir: workDir,
    randomness: { seed: 0 },
    ...extra,
  };
  const configFile = join(root, 'lenet5_1xb4-1e_tiny.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  return { root, data, config: configFile, workDir };
}
