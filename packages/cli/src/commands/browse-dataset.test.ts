import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createImage, encodeImage } from '@mmpt/transforms';
import { beforeAll, describe, expect, it } from 'vitest';
import { browseDataset, labelText } from './browse-dataset';

/** A dataset of pure red 20x12 images (class "red") and a config whose train pipeline resizes and flips them. */
async function redDataset(): Promise<{ root: string; config: string }> {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-browse-'));
  const folder = join(root, 'data', 'train', 'red');
  mkdirSync(folder, { recursive: true });
  const pixels = new Uint8Array(12 * 20 * 3);
  for (let at = 0; at < pixels.length; at += 3) pixels[at] = 255;
  const png = await encodeImage(createImage(12, 20, 3, { data: pixels, channelOrder: 'rgb' }), 'png');
  for (let index = 0; index < 3; index++) writeFileSync(join(folder, `red_${index}.png`), png);
  const config = join(root, 'red_browse.json');
  const pipeline = [{ type: 'LoadImageFromFile' }, { type: 'Resize', scale: [16, 16] }, { type: 'RandomFlip', prob: 1.0, direction: 'horizontal' }, { type: 'PackInputs' }];
  const loader = (steps: unknown[]) => ({ batch_size: 2, dataset: { type: 'CustomDataset', data_root: join(root, 'data'), data_prefix: 'train', pipeline: steps } });
  writeFileSync(config, JSON.stringify({ train_dataloader: loader(pipeline), val_dataloader: loader([{ type: 'LoadImageFromFile' }, { type: 'PackInputs' }]) }));
  return { root, config };
}

async function pixel(file: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return Array.from(data.subarray(at, at + 3));
}

describe('browseDataset', () => {
  let dataset: { root: string; config: string };
  beforeAll(async () => {
    dataset = await redDataset();
  });

  it('writes the original images, named by index and file, read as BGR by default', async () => {
    const outputDir = join(dataset.root, 'original');
    const result = await browseDataset(dataset.config, { outputDir, mode: 'original', showNumber: 2 });
    expect(result.files).toEqual([join(outputDir, '0_red_0.png'), join(outputDir, '1_red_1.png')]);
    expect(readdirSync(outputDir).sort()).toEqual(['0_red_0.png', '1_red_1.png']);
    const meta = await sharp(result.files[0]).metadata();
    // A 20-pixel title line, then the 12-pixel-high image, with 4-pixel margins.
    expect(meta.height).toBe(4 + 20 + 12 + 4);
    // Decoded as BGR (MMPretrain's loading order) and shown as BGR: red stays red.
    expect(await pixel(result.files[0] as string, 10, 30)).toEqual([255, 0, 0]);
    const rgb = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'rgb'), mode: 'original', showNumber: 1, channelOrder: 'RGB' });
    expect(await pixel(rgb.files[0] as string, 10, 30)).toEqual([0, 0, 255]);
  });

  it('rescales the drawn images', async () => {
    const result = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'rescaled'), mode: 'original', showNumber: 1, rescaleFactor: 2 });
    expect((await sharp(result.files[0]).metadata()).height).toBe(4 + 20 + 24 + 4);
  });

  it('draws the transformed image, both side by side, or every step of the pipeline', async () => {
    const transformed = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'transformed'), showNumber: 1 });
    expect((await sharp(transformed.files[0]).metadata()).height).toBe(4 + 20 + 16 + 4);
    const concat = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'concat'), mode: 'concat', showNumber: 1 });
    // Captions take a 16-pixel line of the bitmap font (12 px per character at scale 2, less the
    // last gap); columns are as wide as the image or the caption.
    const text = (caption: string) => caption.length * 12 - 2;
    expect(await sharp(concat.files[0]).metadata()).toMatchObject({ height: 4 + 20 + 16 + 16 + 4, width: Math.max(4 + text('original') + 4 + text('transformed') + 4, 8 + text('#0  red_0.png  label: 0 (red)')) });
    const pipeline = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'pipeline'), mode: 'pipeline', showNumber: 1 });
    // The captions LoadImageFromFile, Resize and RandomFlip are wider than the images.
    expect(await sharp(pipeline.files[0]).metadata()).toMatchObject({ height: 4 + 20 + 16 + 16 + 4, width: 4 + text('LoadImageFromFile') + 4 + text('Resize') + 4 + text('RandomFlip') + 4 });
  });

  it('browses another phase, and refuses what it cannot browse', async () => {
    await expect(browseDataset(dataset.config, { phase: 'test' })).rejects.toThrow(/red_browse\.json has no test_dataloader\.dataset to browse$/);
    await expect(browseDataset(dataset.config, { mode: 'sideways' as 'original' })).rejects.toThrow('--mode must be one of original, transformed, concat, pipeline, got "sideways"');
    await expect(browseDataset(dataset.config, { rescaleFactor: 0 })).rejects.toThrow('--rescale-factor must be a positive number, got 0');
    await expect(browseDataset(dataset.config, { showNumber: 0 })).rejects.toThrow('--show-number must be a positive integer, got 0');
    await expect(browseDataset(dataset.config, { showInterval: -1 })).rejects.toThrow('--show-interval must be a non-negative number of seconds, got -1');
    const result = await browseDataset(dataset.config, { outputDir: join(dataset.root, 'val'), phase: 'val', showInterval: 2, cfgOptions: ['val_dataloader.dataset.indices=2'] });
    expect(result.files).toHaveLength(2);
    expect((await sharp(result.files[0]).metadata()).height).toBe(4 + 20 + 12 + 4);
  });

  it('writes the label with its class name', () => {
    expect(labelText(3, ['a', 'b', 'c', 'three'])).toBe('label: 3 (three)');
    expect(labelText([1, 4], ['a', 'cat'])).toBe('labels: 1 (cat), 4');
    expect(labelText(Int32Array.of(2), undefined)).toBe('label: 2');
    expect(labelText(undefined, ['a'])).toBe('');
  });
});
