import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistries } from '@mmpt/registry';
import { type CpuBackend, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerTestTransforms } from '../__fixtures__/test-transforms';
import { register } from '../register';
import { buildDataLoader } from './build-data-loader';
import type { Batch } from './collate';

const plugin = fileURLToPath(new URL('../__fixtures__/test-transforms.ts', import.meta.url));
let backend: CpuBackend;
let root: string;

beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
  root = mkdtempSync(join(tmpdir(), 'mmpt-loader-'));
  for (let index = 0; index < 10; index++) {
    mkdirSync(join(root, `c${index % 2}`), { recursive: true });
    writeFileSync(join(root, `c${index % 2}`, `${String(index).padStart(2, '0')}.png`), 'x'.repeat(index + 1));
  }
});
afterAll(() => backend.dispose());

function registries() {
  const result = createRegistries();
  register(result);
  registerTestTransforms(result);
  return result;
}

function loader(numWorkers: number, extra: Record<string, unknown> = {}) {
  return buildDataLoader(
    {
      batch_size: 4,
      num_workers: numWorkers,
      persistent_workers: false,
      sampler: { type: 'DefaultSampler', shuffle: true },
      dataset: { type: 'CustomDataset', data_prefix: root, pipeline: [{ type: 'PackFileSize', ...extra }] },
    },
    registries(),
    { seed: 3, workerImports: ['@mmpt/datasets', plugin] },
  );
}

async function collect(batches: AsyncIterable<Batch>): Promise<Array<{ indices: number[]; noise: number[] }>> {
  const out: Array<{ indices: number[]; noise: number[] }> = [];
  for await (const batch of batches) {
    const inputs = batch.inputs as import('@mmpt/tensor').Tensor;
    const values = inputs.arraySync() as number[][];
    out.push({ indices: values.map((row) => row[1] as number), noise: batch.data_samples.map((sample) => sample.metainfo.noise as number) });
    inputs.dispose();
  }
  return out;
}

describe('DataLoader', () => {
  it('batches in the sampler order, the same with and without workers', async () => {
    const serial = await collect(loader(0));
    expect(serial.map((batch) => batch.indices.length)).toEqual([4, 4, 2]);
    expect(serial.flatMap((batch) => batch.indices).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const parallel = await collect(loader(2));
    expect(parallel).toEqual(serial);
  });

  it('shuffles differently per epoch and identically per seed', async () => {
    const first = loader(0);
    const epoch0 = await collect(first);
    first.setEpoch(1);
    const epoch1 = await collect(first);
    expect(epoch1.flatMap((b) => b.indices)).not.toEqual(epoch0.flatMap((b) => b.indices));
    const again = loader(0);
    again.setEpoch(1);
    expect(await collect(again)).toEqual(epoch1);
  });

  it('reports a failing sample with its index and file, from a worker too', async () => {
    for (const workers of [0, 1]) {
      await expect(collect(loader(workers, { fail_on: '05.png' }))).rejects.toThrow(`sample 7 (${join(root, 'c1', '05.png')}): cannot decode ${join(root, 'c1', '05.png')}`);
    }
  });

  it('stops cleanly when iteration ends early', async () => {
    const early = loader(2);
    for await (const batch of early) {
      (batch.inputs as import('@mmpt/tensor').Tensor).dispose();
      break;
    }
    expect(early.length).toBe(3);
  });
});
