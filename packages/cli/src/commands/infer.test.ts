import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { encodeGrayPng } from '@mmpt/datasets';
import { saveCheckpoint } from '@mmpt/engine';
import { Generator, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TinyRun, createTinyRun, tinyImage } from '../__fixtures__/tiny-run';
import { buildModel } from '../infer/build-model';
import { ImageInferenceError } from '../infer/image-failure';
import { createAllRegistries } from '../registries';
import { infer } from './infer';

/** Saves the (seeded, untrained) model of a config as a checkpoint. */
async function checkpointOf(config: string, path: string, overrides: string[] = []): Promise<string> {
  const backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
  const model = buildModel(await Config.fromFile(config, { cfgOptions: overrides }), createAllRegistries());
  await saveCheckpoint(model, path, { meta: {} });
  model.dispose();
  backend.dispose();
  return path;
}

describe('infer', () => {
  let run: TinyRun;
  let checkpoint: string;
  beforeAll(async () => {
    run = createTinyRun();
    checkpoint = await checkpointOf(run.config, join(run.root, 'lenet5.safetensors'));
  });

  it('classifies every image of a folder, sorted, with the class names of the dataset', async () => {
    const folder = join(run.root, 'mixed');
    mkdirSync(folder);
    const generator = new Generator(1);
    for (const name of ['b.png', 'a.png', 'c.PNG']) writeFileSync(join(folder, name), encodeGrayPng(32, 32, tinyImage(0, generator)));
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const out = join(run.root, 'predictions.json');
    const predictions = await infer(run.config, checkpoint, folder, { device: 'cpu', topk: 5, out });
    expect(predictions.map((item) => item.image)).toEqual(['a.png', 'b.png', 'c.PNG'].map((name) => join(folder, name)));
    for (const prediction of predictions) {
      // Two classes: top-5 keeps both, best first, named by the sub-folders of the dataset.
      expect(prediction.topk.map((item) => item.class).sort()).toEqual(['dark', 'light']);
      expect(prediction.topk[0]?.score).toBeGreaterThanOrEqual(prediction.topk[1]?.score as number);
      expect((prediction.topk[0]?.score as number) + (prediction.topk[1]?.score as number)).toBeCloseTo(1, 5);
      expect(prediction).toMatchObject({ pred_label: prediction.topk[0]?.label, pred_class: prediction.topk[0]?.class, pred_score: prediction.topk[0]?.score });
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(predictions);
  }, 30_000);

  it('gives the same predictions and JSON whatever the batch size', async () => {
    const folder = join(run.root, 'seven');
    mkdirSync(folder);
    const generator = new Generator(2);
    for (let index = 0; index < 7; index++) writeFileSync(join(folder, `${index}.png`), encodeGrayPng(32, 32, tinyImage(index % 2, generator)));
    const outputs: string[] = [];
    const results = [];
    // 1: one image at a time; 3 does not divide 7; 32 (the default) takes them all at once.
    for (const batchSize of [1, 3, undefined]) {
      const out = join(run.root, `seven-${batchSize ?? 'default'}.json`);
      results.push(await infer(run.config, checkpoint, folder, { device: 'cpu', topk: 2, out, ...(batchSize === undefined ? {} : { batchSize }) }));
      outputs.push(readFileSync(out, 'utf8'));
    }
    expect(results[0]).toHaveLength(7);
    expect(results[0]?.map((item) => item.image)).toEqual(Array.from({ length: 7 }, (_, index) => join(folder, `${index}.png`)));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(JSON.parse(outputs[0] as string)).toEqual(results[0]);
  }, 30_000);

  it('names a corrupt image and keeps the predictions of the others', async () => {
    const folder = join(run.root, 'with-corrupt');
    mkdirSync(folder);
    const generator = new Generator(4);
    for (const name of ['a.png', 'c.png', 'd.png']) writeFileSync(join(folder, name), encodeGrayPng(32, 32, tinyImage(1, generator)));
    writeFileSync(join(folder, 'b.png'), Buffer.from('\x89PNG\r\n\x1a\n not really a png'));
    const out = join(run.root, 'with-corrupt.json');
    const error = await infer(run.config, checkpoint, folder, { device: 'cpu', topk: 2, batchSize: 2, out }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageInferenceError);
    const failure = error as ImageInferenceError;
    expect(failure.message).toMatch(new RegExp(`^Cannot decode image file "${join(folder, 'b.png').replace(/[.\\/]/g, '\\$&')}": .+ \\(the other 3 images were classified; their predictions are in .*with-corrupt\\.json\\)$`));
    expect(failure.failures.map((item) => [item.image, item.index])).toEqual([[join(folder, 'b.png'), 1]]);
    expect(failure.predictions.map((item) => item.image)).toEqual(['a.png', 'c.png', 'd.png'].map((name) => join(folder, name)));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(failure.predictions);
    // The same as those of the images alone, one at a time.
    const alone = [];
    for (const name of ['a.png', 'c.png', 'd.png']) alone.push(...(await infer(run.config, checkpoint, join(folder, name), { device: 'cpu', topk: 2, batchSize: 1 })));
    expect(failure.predictions).toEqual(alone);
  }, 30_000);

  it('names classes from the config, else reports indices', async () => {
    const image = join(run.data, 'val', 'dark', 'dark_0.png');
    const named = await infer(run.config, checkpoint, image, { device: 'cpu', topk: 1, cfgOptions: ["test_dataloader.dataset.classes=['night','day']"] });
    expect(named).toHaveLength(1);
    expect(['night', 'day']).toContain(named[0]?.pred_class);
    // Without classes, a dataset that cannot be listed here gives no names.
    const unnamed = await infer(run.config, checkpoint, image, { device: 'cpu', topk: 1, cfgOptions: ['test_dataloader.dataset.data_root=/nowhere'] });
    expect(unnamed[0]?.pred_class).toBeUndefined();
    expect(unnamed[0]?.topk[0]).toEqual({ label: unnamed[0]?.pred_label, score: unnamed[0]?.pred_score });
  }, 30_000);

  it('refuses a checkpoint whose keys do not match, unless strict is off', async () => {
    const other = await checkpointOf(run.config, join(run.root, 'other.safetensors'), ['model.backbone.num_classes=-1', 'model.head.type=LinearClsHead', 'model.head.in_channels=120', 'model.head.num_classes=2']);
    const image = join(run.data, 'val', 'dark', 'dark_0.png');
    await expect(infer(run.config, other, image, { device: 'cpu' })).rejects.toThrow(
      /^The checkpoint .*other\.safetensors does not fit the model \(4 missing keys: backbone\.classifier\.0\.weight, .*; 2 unexpected keys: head\.fc\.weight, head\.fc\.bias\); pass --no-strict/,
    );
    const notes: string[] = [];
    const predictions = await infer(run.config, other, image, { device: 'cpu', strict: false, log: (line) => notes.push(line) });
    expect(predictions).toHaveLength(1);
    expect(notes.join('\n')).toMatch(/4 missing keys: .*2 unexpected keys/);
  }, 30_000);

  it('names what is missing', async () => {
    await expect(infer(run.config, checkpoint, join(run.root, 'no-such.png'), { device: 'cpu' })).rejects.toThrow(`Image or folder not found: ${join(run.root, 'no-such.png')}`);
    const empty = join(run.root, 'empty');
    mkdirSync(empty);
    await expect(infer(run.config, checkpoint, empty, { device: 'cpu' })).rejects.toThrow(/^No image files \(.*\) in the folder .*empty$/);
    await expect(infer(run.config, checkpoint, run.data, { device: 'cpu', topk: 0 })).rejects.toThrow('--topk must be a positive integer, got 0');
    for (const batchSize of [0, -4, 2.5]) {
      await expect(infer(run.config, checkpoint, run.data, { device: 'cpu', batchSize })).rejects.toThrow(`--batch-size must be a positive integer, got ${batchSize}`);
    }
    const image = join(run.data, 'val', 'dark', 'dark_0.png');
    await expect(infer(run.config, checkpoint, image, { device: 'cpu', cfgOptions: ['test_dataloader.dataset.pipeline=[]', 'val_dataloader=None'] })).rejects.toThrow(
      /has no test_dataloader\.dataset\.pipeline/,
    );
  }, 30_000);
});
