// What the runner tests share: a folder dataset of empty files whose class is their folder (the
// toy plugin's PackToy makes the pixels), the registries with every package and the toy plugin,
// and a config that trains ToyNet on it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { register as registerDatasets } from '@mmpt/datasets';
import { register as registerEvaluation } from '@mmpt/evaluation';
import { register as registerModels } from '@mmpt/models';
import { register as registerOptim } from '@mmpt/optim';
import { type Registries, createRegistries } from '@mmpt/registry';
import { register } from '../register';
import { register as registerToy } from './toy-plugin';

/** `train/` (32 files per class) and `val/` (16 per class) of the classes `dark` and `light`, in a new temporary folder. */
export function toyDataFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-runner-data-'));
  for (const split of ['train', 'val']) {
    for (const label of ['dark', 'light']) {
      mkdirSync(join(root, split, label), { recursive: true });
      for (let index = 0; index < (split === 'train' ? 32 : 16); index++) writeFileSync(join(root, split, label, `${index}.png`), '');
    }
  }
  return root;
}

/** Registries with datasets, models, optim, evaluation, the engine and the toy plugin registered. */
export function toyRegistries(): Registries {
  const result = createRegistries();
  for (const fill of [registerDatasets, registerModels, registerOptim, registerEvaluation, register, registerToy]) fill(result);
  return result;
}

/** ToyNet with a linear head on the toy data: SGD with momentum, a cosine schedule, validation every epoch (`extra` overrides keys). */
export function toyConfig(data: string, maxEpochs: number, extra: Record<string, unknown> = {}): Config {
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
