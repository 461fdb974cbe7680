import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildConfig, createRegistries } from '@mmpt/registry';
import type { DataSample, HostArray } from '@mmpt/structures';
import { Generator, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImage } from './image/encode';
import { createImage } from './image/image';
import type { Compose } from './pipeline/compose';
import type { Sample } from './pipeline/sample';
import { register } from './register';

/** The pipelines of the guide (section 2), as TypeScript configs. */
const bgrMean = [103.53, 116.28, 123.675];
const bgrStd = [57.375, 57.12, 58.395];

const PIPELINES: Record<string, BuildConfig[]> = {
  'ResNet-50 training': [
    { type: 'LoadImageFromFile' },
    { type: 'RandomResizedCrop', scale: 224 },
    { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
    { type: 'PackInputs' },
  ],
  'Swin-Transformer training': [
    { type: 'LoadImageFromFile' },
    { type: 'RandomResizedCrop', scale: 224, backend: 'pillow', interpolation: 'bicubic' },
    { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
    {
      type: 'RandAugment',
      policies: 'timm_increasing',
      num_policies: 2,
      total_level: 10,
      magnitude_level: 9,
      magnitude_std: 0.5,
      hparams: { pad_val: bgrMean.map((x) => Math.round(x)), interpolation: 'bicubic' },
    },
    { type: 'RandomErasing', erase_prob: 0.25, mode: 'rand', min_area_ratio: 0.02, max_area_ratio: 1 / 3, fill_color: bgrMean, fill_std: bgrStd },
    { type: 'PackInputs' },
  ],
  'torchvision 1: NumpyToPIL around torchvision augmentations': [
    { type: 'LoadImageFromFile' },
    { type: 'NumpyToPIL', to_rgb: true },
    { type: 'torchvision/RandomResizedCrop', size: 176 },
    { type: 'PILToNumpy', to_bgr: true },
    { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
    { type: 'PackInputs' },
  ],
  'torchvision 2: with ToTensor and Normalize': [
    { type: 'LoadImageFromFile' },
    { type: 'NumpyToPIL', to_rgb: true },
    { type: 'torchvision/RandomResizedCrop', size: 176, interpolation: 'bilinear' },
    { type: 'torchvision/RandomHorizontalFlip', p: 0.5 },
    { type: 'torchvision/TrivialAugmentWide', interpolation: 'bilinear' },
    { type: 'torchvision/PILToTensor' },
    { type: 'torchvision/ConvertImageDtype', dtype: 'float' },
    { type: 'torchvision/Normalize', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
    { type: 'torchvision/RandomErasing', p: 0.1 },
    { type: 'PackInputs' },
  ],
  'torchvision 3: without ToTensor and Normalize': [
    { type: 'LoadImageFromFile' },
    { type: 'NumpyToPIL', to_rgb: true },
    { type: 'torchvision/RandomResizedCrop', size: 176, interpolation: 'bilinear' },
    { type: 'torchvision/RandomHorizontalFlip', p: 0.5 },
    { type: 'torchvision/TrivialAugmentWide', interpolation: 'bilinear' },
    { type: 'PackInputs' },
  ],
  'ImageNet test': [
    { type: 'LoadImageFromFile' },
    { type: 'ResizeEdge', scale: 256, edge: 'short' },
    { type: 'CenterCrop', crop_size: 224 },
    { type: 'PackInputs' },
  ],
};

const EXPECTED_SIZE: Record<string, number> = {
  'ResNet-50 training': 224,
  'Swin-Transformer training': 224,
  'torchvision 1: NumpyToPIL around torchvision augmentations': 176,
  'torchvision 2: with ToTensor and Normalize': 176,
  'torchvision 3: without ToTensor and Normalize': 176,
  'ImageNet test': 224,
};

const backend = createCpuBackend();
setDefaultBackend(backend);
const directory = mkdtempSync(join(tmpdir(), 'mmpt-guide-'));
const imagePath = join(directory, 'cat.jpg');
const registries = createRegistries();
register(registries);

beforeAll(async () => {
  const data = new Uint8Array(300 * 400 * 3);
  for (let y = 0; y < 300; y++) for (let x = 0; x < 400; x++) for (let c = 0; c < 3; c++) data[(y * 400 + x) * 3 + c] = (x * (c + 1) + y * 2) % 256;
  await writeImage(imagePath, createImage(300, 400, 3, { data }));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
  backend.dispose();
});

describe('the guide pipelines build through the registry and run', () => {
  for (const [name, transforms] of Object.entries(PIPELINES)) {
    it(name, async () => {
      const pipeline = registries.transforms.build<Compose>({ type: 'Compose', transforms });
      const run = async (seed: number) => (await pipeline.run({ img_path: imagePath, gt_label: 7, sample_idx: 0 }, new Generator(seed))) as Sample;
      const first = await run(3);
      const second = await run(3);
      const inputs = first.inputs as HostArray;
      const size = EXPECTED_SIZE[name] as number;
      expect(inputs.shape).toEqual([3, size, size]);
      expect(Array.from(inputs.data)).toEqual(Array.from((second.inputs as HostArray).data));
      const sample = first.data_samples as DataSample;
      expect(Array.from(sample.gtLabel!)).toEqual([7]);
      expect(sample.metainfo.ori_shape).toEqual([300, 400]);
      expect(sample.metainfo.img_path).toBe(imagePath);
    });
  }

  it('drops a sample whose file is missing with ignore_empty, and names the file otherwise', async () => {
    const lenient = registries.transforms.build<Compose>({ type: 'Compose', transforms: [{ type: 'LoadImageFromFile', ignore_empty: true }, { type: 'PackInputs' }] });
    expect(await lenient.run({ img_path: join(directory, 'missing.jpg') })).toBeNull();
    const strict = registries.transforms.build<Compose>({ type: 'Compose', transforms: [{ type: 'LoadImageFromFile' }] });
    await expect(strict.run({ img_path: join(directory, 'missing.jpg') })).rejects.toThrow(/missing\.jpg/);
    expect(() => registries.transforms.build({ type: 'Albumentations', transforms: [] })).toThrow(/Python-only/);
  });
});
