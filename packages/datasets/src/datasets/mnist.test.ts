import { gzipSync } from 'node:zlib';
import { createRegistries } from '@mmpt/registry';
import { type CpuBackend, Tensor, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { type Image, register as registerTransforms } from '@mmpt/transforms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idxBytes, makeTree } from '../__fixtures__/dataset-files';
import { register } from '../register';
import type { MemoryImage } from './memory-image';
import { FashionMNIST, MNIST } from './mnist';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const images = Uint8Array.from({ length: 3 * 4 }, (_, index) => index * 20);

describe('MNIST', () => {
  const root = makeTree({
    'train-images-idx3-ubyte.gz': gzipSync(idxBytes([3, 2, 2], images)),
    'train-labels-idx1-ubyte': idxBytes([3], Uint8Array.of(7, 0, 9)),
    't10k-images-idx3-ubyte': idxBytes([1, 2, 2], Uint8Array.of(1, 2, 3, 4)),
    't10k-labels-idx1-ubyte.gz': gzipSync(idxBytes([1], Uint8Array.of(3))),
  });

  it('reads the IDX files of a split, gzipped or not, with images in memory', () => {
    const train = new MNIST({ data_root: root, split: 'train' });
    expect(train.length).toBe(3);
    expect(train.classes?.[7]).toBe('7 - seven');
    const sample = train.getDataInfo(1);
    expect(sample.gt_label).toBe(0);
    expect(sample.img).toEqual({ height: 2, width: 2, channels: 1, data: images.slice(4, 8), channelOrder: 'gray', layout: 'hwc' });
    expect([...train.getGtLabels()]).toEqual([7, 0, 9]);
    const test = new MNIST({ data_prefix: root, split: 'test' });
    expect(test.getDataInfo(0)).toMatchObject({ gt_label: 3, img: { data: Uint8Array.of(1, 2, 3, 4) } });
  });

  it("runs MMPretrain's MNIST pipeline on the in-memory images", async () => {
    const registries = createRegistries();
    register(registries);
    registerTransforms(registries);
    const dataset = registries.datasets.build({ type: 'MNIST', data_root: root, pipeline: [{ type: 'Resize', scale: 4 }, { type: 'PackInputs' }] }) as MNIST;
    const image: Image = dataset.getDataInfo(0).img as MemoryImage;
    expect(image.channels).toBe(1);
    const sample = await dataset.get(0);
    // PackInputs leaves the input on the host (or makes a tensor when given a backend).
    const inputs = sample.inputs as { shape: readonly number[] };
    expect([...inputs.shape]).toEqual([1, 4, 4]);
    if (inputs instanceof Tensor) inputs.dispose();
  });

  it('names Fashion-MNIST classes and missing or broken files', () => {
    expect(new FashionMNIST({ data_root: root }).classes?.[9]).toBe('Ankle boot');
    const empty = makeTree({ 'readme.txt': '' });
    expect(() => new MNIST({ data_root: empty, split: 'test' })).toThrow(`Cannot find MNIST (test) in ${empty}: t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (or .gz) is missing`);
    expect(() => new MNIST({ data_root: root, split: 'val' as 'test' })).toThrow('MNIST: split must be "train" or "test", got "val"');
    expect(() => new MNIST({})).toThrow('MNIST: set data_root');
    const bad = makeTree({
      'train-images-idx3-ubyte': idxBytes([2, 1, 1], Uint8Array.of(1, 2)),
      'train-labels-idx1-ubyte': idxBytes([2], Uint8Array.of(1, 10)),
      't10k-images-idx3-ubyte': idxBytes([2, 1, 1], Uint8Array.of(1, 2)),
      't10k-labels-idx1-ubyte': idxBytes([1], Uint8Array.of(1)),
    });
    expect(() => new MNIST({ data_root: bad })).toThrow(`${bad}/train-labels-idx1-ubyte, item 1: label 10 is outside [0, 9] (10 classes)`);
    expect(() => new MNIST({ data_root: bad, split: 'test' })).toThrow(`${bad}/t10k-labels-idx1-ubyte holds 1 labels but ${bad}/t10k-images-idx3-ubyte holds 2 images`);
  });
});
