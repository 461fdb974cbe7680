import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistries } from '@mmpt/registry';
import { type CpuBackend, type Tensor, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idxBytes, makeTree } from '../__fixtures__/dataset-files';
import { register as registerTestTransforms } from '../__fixtures__/test-transforms';
import { buildDataLoader } from '../loader/build-data-loader';
import { register } from '../register';

const plugin = fileURLToPath(new URL('../__fixtures__/test-transforms.ts', import.meta.url));
let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function registries() {
  const result = createRegistries();
  register(result);
  registerTestTransforms(result);
  return result;
}

describe('DataLoader over wrappers and in-memory images', () => {
  const root = makeTree({
    'train-images-idx3-ubyte': idxBytes([3, 2, 2], Uint8Array.from({ length: 12 }, (_, index) => index)),
    'train-labels-idx1-ubyte': idxBytes([3], Uint8Array.of(4, 5, 6)),
  });

  function makeLoader(numWorkers: number) {
    return buildDataLoader(
      {
        batch_size: 2,
        num_workers: numWorkers,
        persistent_workers: false,
        sampler: { type: 'DefaultSampler', shuffle: false },
        dataset: { type: 'RepeatDataset', times: 2, dataset: { type: 'MNIST', data_root: root, pipeline: [{ type: 'PackMemoryImage' }] } },
      },
      registries(),
      { seed: 1, workerImports: ['@mmpt/datasets', plugin] },
    );
  }

  async function collect(loader: ReturnType<typeof makeLoader>) {
    const batches: Array<{ pixels: number[][]; labels: number[]; noise: number[] }> = [];
    for await (const batch of loader) {
      const inputs = batch.inputs as Tensor;
      batches.push({
        pixels: (inputs.arraySync() as number[][][][]).map((image) => image.flat(2)),
        labels: batch.data_samples.map((sample) => sample.gtLabel?.[0] as number),
        noise: batch.data_samples.map((sample) => sample.metainfo.noise as number),
      });
      inputs.dispose();
    }
    return batches;
  }

  it('gives the same batches with and without workers, each repeat augmented differently', async () => {
    const serial = await collect(makeLoader(0));
    expect(serial.flatMap((batch) => batch.labels)).toEqual([4, 5, 6, 4, 5, 6]);
    expect(serial[0]?.pixels[1]).toEqual([4, 5, 6, 7]);
    const noise = serial.flatMap((batch) => batch.noise);
    expect(noise[0]).not.toBe(noise[3]);
    // The workers adopt the loaded images: they never read the files, which are gone.
    const parallel = makeLoader(2);
    rmSync(join(root, 'train-images-idx3-ubyte'));
    expect(await collect(parallel)).toEqual(serial);
  }, 30_000);
});
