import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { memory } from '@mmpt/tensor';
import { register as registerTransforms } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { toyRegistries } from '../__fixtures__/toy-run';
import { buildRunner } from './build-runner';

/** A folder dataset of 24 unlabelled (empty) files: the toy transform makes the pixels. */
function unlabelledFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-multi-view-'));
  mkdirSync(join(root, 'train', 'digits'), { recursive: true });
  for (let index = 0; index < 24; index++) writeFileSync(join(root, 'train', 'digits', `${index}.png`), '');
  return root;
}

/** The toy run's registries with the transforms (MultiView, RandomFlip, PackInputs). */
function registries() {
  const result = toyRegistries();
  registerTransforms(result);
  return result;
}

/** A contrastive algorithm's config over two views of each sample (MMPretrain's MultiView). */
function config(type: 'SimCLR' | 'SimSiam', collate: 'default_collate' | 'pseudo_collate'): Config {
  const pipeline = [{ type: 'ToyImage' }, { type: 'MultiView', num_views: 2, transforms: [[{ type: 'RandomFlip', prob: 0.5, direction: 'horizontal' }]] }, { type: 'PackInputs' }];
  const heads = {
    SimCLR: {
      neck: { type: 'NonLinearNeck', in_channels: 8, hid_channels: 16, out_channels: 8, num_layers: 2, with_avg_pool: false },
      head: { type: 'ContrastiveHead', loss: { type: 'CrossEntropyLoss' }, temperature: 0.2 },
    },
    SimSiam: {
      neck: { type: 'NonLinearNeck', in_channels: 8, hid_channels: 16, out_channels: 8, num_layers: 2, with_avg_pool: false, with_last_bn_affine: false },
      head: { type: 'LatentPredictHead', loss: { type: 'CosineSimilarityLoss' }, predictor: { type: 'NonLinearNeck', in_channels: 8, hid_channels: 4, out_channels: 8, with_avg_pool: false, with_last_bn: false, with_last_bias: true } },
    },
  };
  return Config.fromDict({
    model: { type, backbone: { type: 'ToyNet' }, ...heads[type], data_preprocessor: { type: 'SelfSupDataPreprocessor', mean: [100], std: [50] } },
    train_dataloader: {
      batch_size: 8,
      drop_last: true,
      collate_fn: { type: collate },
      dataset: { type: 'CustomDataset', data_prefix: join(unlabelledFolder(), 'train'), with_label: false, pipeline },
      sampler: { type: 'DefaultSampler', shuffle: true },
    },
    optim_wrapper: { optimizer: { type: 'SGD', lr: 0.05, momentum: 0.9 } },
    train_cfg: { by_epoch: true, max_epochs: 2 },
    default_hooks: { logger: { type: 'LoggerHook', interval: 1 }, checkpoint: { type: 'CheckpointHook', interval: 1 } },
    randomness: { seed: 3 },
  });
}

describe('multi-view training through the runner', () => {
  for (const [type, collate] of [
    ['SimCLR', 'default_collate'],
    ['SimCLR', 'pseudo_collate'],
    ['SimSiam', 'default_collate'],
  ] as const) {
    it(`trains ${type} on two views per sample with ${collate}, freeing every batch`, async () => {
      const workDir = mkdtempSync(join(tmpdir(), 'mmpt-multi-view-run-'));
      const runner = await buildRunner(config(type, collate), { registries: registries(), workDir, device: 'cpu' });
      runner.logger.setFile(join(runner.logDir, 'test.log'));
      await runner.train();
      const losses = runner.messageHub.scalars.get('train/loss');
      expect(losses).toBeDefined();
      expect(Number.isFinite(losses?.current())).toBe(true);
      expect(runner.iter).toBe(6);
      const live = memory().tensors;
      await runner.dispose();
      // Only the model, the optimizer state and the runner's own tensors were alive: no batch leaked.
      expect(memory().tensors).toBeLessThan(live);
    });
  }
});
