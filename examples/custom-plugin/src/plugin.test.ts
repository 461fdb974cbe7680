import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train } from '@mmpt/cli';
import { loadMnistPackageDigits, prepareMnist } from '@mmpt/datasets';
import { createRegistries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { Generator, createCpuBackend, randn, setDefaultBackend } from '@mmpt/tensor';
import { createImage } from '@mmpt/transforms';
import { afterAll, describe, expect, it } from 'vitest';
import { DigitNet, ErrorRate, GaussianNoise, register } from './index';

const config = fileURLToPath(new URL('../configs/digitnet_1xb64-3e_mnist.ts', import.meta.url));

describe('the plugin', () => {
  const backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
  afterAll(() => backend.dispose());

  it('registers its backbone, transform and metric', () => {
    const registries = createRegistries();
    register(registries);
    expect(registries.models.build({ type: 'DigitNet', widths: [4] })).toBeInstanceOf(DigitNet);
    expect(registries.transforms.build({ type: 'GaussianNoise', std: 5 })).toBeInstanceOf(GaussianNoise);
    expect(registries.metrics.build({ type: 'ErrorRate' })).toBeInstanceOf(ErrorRate);
  });

  it('DigitNet halves the resolution after its first stage and returns the stages asked for', () => {
    const net = new DigitNet({ widths: [4, 8, 16], out_indices: [0, 2] });
    const input = randn([2, 1, 28, 28]);
    const outputs = net.forward(input);
    expect(outputs.map((output) => output.shape)).toEqual([
      [2, 4, 28, 28],
      [2, 16, 7, 7],
    ]);
    for (const tensor of [input, ...outputs]) tensor.dispose();
    net.dispose();
    expect(() => new DigitNet({ widths: [4], out_indices: [1] })).toThrow('DigitNet: out_indices has 1, outside 0..0');
  });

  it('GaussianNoise draws from the pipeline generator, clips, and keeps prob-0 samples', () => {
    const image = createImage(4, 4, 1, { data: new Uint8Array(16).fill(250) });
    const noise = new GaussianNoise({ std: 30, prob: 1 });
    const first = noise.transform({ img: image }, new Generator(5)).img as typeof image;
    const again = noise.transform({ img: image }, new Generator(5)).img as typeof image;
    expect(Array.from(first.data)).toEqual(Array.from(again.data));
    expect(Array.from(first.data)).not.toEqual(Array.from(image.data));
    expect(Math.max(...first.data)).toBe(255);
    expect(new GaussianNoise({ prob: 0 }).transform({ img: image }, new Generator(5)).img).toBe(image);
    expect(() => new GaussianNoise({ prob: 2 })).toThrow('GaussianNoise: prob must be in [0, 1], got 2');
  });

  it('ErrorRate counts the wrong predictions', () => {
    const metric = new ErrorRate();
    const sample = (predicted: number, truth: number) => new DataSample().setPredLabel(predicted).setGtLabel(truth);
    metric.process(null, [sample(1, 1), sample(2, 1), sample(0, 0), sample(3, 0)]);
    expect(metric.evaluate(4)).toEqual({ 'error/rate': 50, 'error/count': 2 });
  });

  it('trains from its config through custom_imports with the CLI train function', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmpt-plugin-'));
    const data = join(root, 'mnist');
    // Six digits of each class: five to train on, one to validate.
    const digits = loadMnistPackageDigits().map((entry) => ({ ...entry, count: 6, pixels: entry.pixels.slice(0, 6 * 28 * 28) }));
    prepareMnist({ out: data, digits, testFraction: 1 / 6 });
    const metrics = await train(config, {
      device: 'cpu',
      workDir: join(root, 'work'),
      cfgOptions: [
        ...['train', 'val', 'test'].map((phase) => `${phase}_dataloader.dataset.data_root=${data}`),
        'train_dataloader.batch_size=10',
        // One worker thread: the plugin's transform must be registered there too.
        'train_dataloader.num_workers=1',
        'val_dataloader.num_workers=0',
        'train_cfg.max_epochs=1',
      ],
    });
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['accuracy/top1', 'error/count', 'error/rate']));
    expect(metrics['error/rate'] as number).toBeCloseTo(100 - (metrics['accuracy/top1'] as number), 3);
  }, 60_000);
});
