import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@mmpt/config';
import { describe, expect, it } from 'vitest';
import { collectTypes, parsePrintConfigArguments, printConfig } from './print-config';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const lenet = join(root, 'configs/lenet/lenet5_1xb128-coslr-15e_mnist.ts');
const resnet = join(root, 'configs/resnet/resnet18_8xb16_cifar10.ts');

describe('print-config on the shipped configs', () => {
  it('composes the LeNet-5 MNIST config from its four bases', async () => {
    const text = await printConfig({ config: lenet, cfgOptions: [], dump: undefined }, root);
    expect(text.split('\n').slice(0, 7)).toEqual([
      '# configs/lenet/lenet5_1xb128-coslr-15e_mnist.ts',
      '# composed from:',
      '#   configs/_base_/models/lenet5.ts',
      '#   configs/_base_/datasets/mnist_bs128.ts',
      '#   configs/_base_/schedules/mnist_sgd_coslr_15e.ts',
      '#   configs/_base_/default_runtime.ts',
      '#   configs/lenet/lenet5_1xb128-coslr-15e_mnist.ts',
    ]);
    const cfg = await Config.fromFile(lenet);
    expect(cfg.get('default_hooks.logger')).toEqual({ type: 'LoggerHook', interval: 20 });
    expect(cfg.get('default_hooks.checkpoint')).toEqual({ type: 'CheckpointHook', interval: 1 });
    expect(cfg.get('randomness')).toEqual({ seed: 0, deterministic: false });
    expect(cfg.get('train_dataloader.dataset.data_prefix')).toBe('train');
    expect(cfg.get('test_dataloader')).toEqual(cfg.get('val_dataloader'));
  });

  it('applies overrides and dumps a config that loads back equal', async () => {
    const dump = join(mkdtempSync(join(tmpdir(), 'mmpt-print-')), 'resnet.ts');
    const args = parsePrintConfigArguments([resnet, '--cfg-options', 'model.backbone.depth=34', 'train_dataloader.batch_size=64', '--dump', dump]);
    const text = await printConfig(args, root);
    expect(text).toContain('# overrides: model.backbone.depth=34 train_dataloader.batch_size=64');
    expect(text).toContain('# modules by type: ImageClassifier, ResNet_CIFAR, GlobalAveragePooling, LinearClsHead, CrossEntropyLoss, RandomCrop, RandomFlip, PackInputs, CIFAR10,');
    const written = await Config.fromFile(dump);
    expect(written.get('model.backbone.depth')).toBe(34);
    expect(written.get('train_dataloader.batch_size')).toBe(64);
    expect(readFileSync(dump, 'utf8').startsWith('export default {')).toBe(true);
    const original = await Config.fromFile(resnet, { cfgOptions: ['model.backbone.depth=34', 'train_dataloader.batch_size=64'] });
    expect(written.toDict()).toEqual(original.toDict());
  });

  it('refuses a command line without a config or with stray words', () => {
    expect(() => parsePrintConfigArguments([])).toThrow(/^usage: print-config CONFIG/);
    expect(() => parsePrintConfigArguments(['a.ts', 'oops'])).toThrow('Unexpected arguments oops');
  });

  it('collects type names once, in order', () => {
    expect(collectTypes({ a: { type: 'X', b: [{ type: 'Y' }, { type: 'X' }] } })).toEqual(['X', 'Y']);
  });
});
