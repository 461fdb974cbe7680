import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistries } from '@mmpt/registry';
import { type CpuBackend, type Tensor, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { register as registerTransforms } from '@mmpt/transforms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataLoader } from '../loader/build-data-loader';
import { register } from '../register';
import { loadMnistPackageDigits } from './mnist-digits';
import { prepareMnist } from './prepare-mnist';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('the shipped MNIST digits through the real loading path', () => {
  it('decodes the written PNG files to the package pixels in worker threads', async () => {
    // Ten digits of each class of the mnist package, split 8 / 2 per class.
    const digits = loadMnistPackageDigits().map((entry) => ({ ...entry, count: 10, pixels: entry.pixels.subarray(0, 10 * 784) }));
    const out = join(mkdtempSync(join(tmpdir(), 'mmpt-mnist-e2e-')), 'mnist');
    prepareMnist({ out, digits });
    const registries = createRegistries();
    register(registries);
    registerTransforms(registries);
    const loader = buildDataLoader(
      {
        batch_size: 8,
        num_workers: 2,
        persistent_workers: false,
        sampler: { type: 'DefaultSampler', shuffle: false },
        dataset: { type: 'CustomDataset', data_root: out, data_prefix: 'test', pipeline: [{ type: 'LoadImageFromFile', color_type: 'grayscale' }, { type: 'PackInputs' }] },
      },
      registries,
      { seed: 0 },
    );
    let seen = 0;
    for await (const batch of loader) {
      const inputs = batch.inputs as Tensor;
      expect(inputs.shape.slice(1)).toEqual([1, 28, 28]);
      const values = inputs.dataSync();
      batch.data_samples.forEach((sample, row) => {
        const path = sample.metainfo.img_path as string;
        const [digit, file] = path.split('/').slice(-2) as [string, string];
        const index = Number.parseInt(file, 10);
        expect(sample.gtLabel?.[0]).toBe(Number(digit));
        const expected = digits[Number(digit)]?.pixels.subarray(index * 784, (index + 1) * 784) as Uint8Array;
        expect(Array.from(values.subarray(row * 784, (row + 1) * 784))).toEqual(Array.from(expected));
      });
      seen += batch.data_samples.length;
      inputs.dispose();
    }
    expect(seen).toBe(20);
  }, 30_000);
});
