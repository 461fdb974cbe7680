import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { encodeGrayPng, pseudoCollate } from '@mmpt/datasets';
import type { RunnableModel } from '@mmpt/engine';
import { DataSample } from '@mmpt/structures';
import { Generator, type Tensor, createCpuBackend, manualSeed, setDefaultBackend, stack } from '@mmpt/tensor';
import type { Compose } from '@mmpt/transforms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyRun, tinyImage } from '../__fixtures__/tiny-run';
import { createAllRegistries } from '../registries';
import { buildModel } from './build-model';
import { buildInferencePipeline } from './inference-pipeline';
import { type PredictingModel, inferImages } from './infer-images';
import { listImages } from './list-images';

/** A model that counts its forwards and the batch size of each. */
function counting(model: PredictingModel): { model: PredictingModel; batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    model: {
      dataPreprocessor: model.dataPreprocessor,
      predict(inputs, dataSamples) {
        batches.push(inputs.shape[0] as number);
        return model.predict(inputs, dataSamples);
      },
    },
  };
}

describe('inferImages with LeNet-5', () => {
  const backend = createCpuBackend({ threads: 1 });
  let model: RunnableModel;
  let pipeline: Compose;
  let images: string[];
  beforeAll(async () => {
    setDefaultBackend(backend);
    const run = createTinyRun();
    const folder = join(run.root, 'seven');
    mkdirSync(folder);
    const generator = new Generator(5);
    for (let index = 0; index < 7; index++) writeFileSync(join(folder, `${index}.png`), encodeGrayPng(32, 32, tinyImage(index % 2, generator)));
    images = listImages(folder);
    const registries = createAllRegistries();
    const cfg = await Config.fromFile(run.config);
    manualSeed(7);
    model = buildModel(cfg, registries);
    model.eval();
    pipeline = buildInferencePipeline(cfg, registries);
  });
  afterAll(() => {
    model.dispose();
    backend.dispose();
  });

  it('gives the same predictions, in order, whatever the batch size, one forward per batch', async () => {
    const single = counting(model as PredictingModel);
    const one = await inferImages(single.model, pipeline, images, { batchSize: 1, topk: 2, classes: ['dark', 'light'] });
    expect(single.batches).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(one.failures).toEqual([]);
    expect(one.predictions.map((prediction) => prediction.image)).toEqual(images);
    // One at a time with the images as a list, as `mmpt infer` did before it batched.
    const listed = await inferImages(model as PredictingModel, pipeline, images, { batchSize: 1, topk: 2, classes: ['dark', 'light'], collate: pseudoCollate });
    expect(listed.predictions).toEqual(one.predictions);
    for (const [batchSize, expected] of [[3, [3, 3, 1]], [4, [4, 3]], [7, [7]], [32, [7]]] as const) {
      const batched = counting(model as PredictingModel);
      const result = await inferImages(batched.model, pipeline, images, { batchSize, topk: 2, classes: ['dark', 'light'] });
      expect(batched.batches).toEqual(expected);
      expect(result).toEqual(one);
      expect(JSON.stringify(result.predictions)).toBe(JSON.stringify(one.predictions));
    }
    expect(one.predictions[0]?.topk.map((item) => item.class).sort()).toEqual(['dark', 'light']);
  });

  it('reports class indices when the names do not fit the model, with a note', async () => {
    const notes: string[] = [];
    const { predictions } = await inferImages(model as PredictingModel, pipeline, images.slice(0, 2), { classes: ['a', 'b', 'c'], log: (line) => notes.push(line) });
    expect(notes).toEqual(['The dataset names 3 classes but the model scores 2; reporting class indices']);
    expect(predictions.every((prediction) => prediction.pred_class === undefined && prediction.topk.length === 2)).toBe(true);
  });

  it('refuses a batch size or top-k that is not a positive integer', async () => {
    for (const batchSize of [0, -2, 1.5, Number.NaN]) {
      await expect(inferImages(model as PredictingModel, pipeline, images, { batchSize })).rejects.toThrow(`inferImages: batchSize must be a positive integer, got ${batchSize}`);
    }
    await expect(inferImages(model as PredictingModel, pipeline, images, { topk: 0 })).rejects.toThrow('inferImages: topk must be a positive integer, got 0');
  });
});

describe('inferImages with images of several shapes and failures', () => {
  /** Host CHW images whose shape and value the file name gives (`h4-v3` is 1x4x4 of 3s); some names fail. */
  const pipeline: Pick<Compose, 'run'> = {
    async run(sample) {
      const path = sample.img_path as string;
      if (path === 'broken.png') throw new Error('Cannot decode image file "broken.png": corrupt data');
      if (path === 'bad-resize.png') throw new Error('Resize: scale must be positive');
      if (path === 'dropped.png') return null;
      if (path === 'flat.png') return { inputs: { data: new Float32Array(4), shape: [2, 2] } };
      const [, height, value] = /^h(\d+)-v(\d+)/.exec(path) ?? [];
      const size = Number(height);
      return { inputs: { data: new Float32Array(size * size).fill(Number(value)), shape: [1, size, size] }, data_samples: new DataSample() };
    },
  };
  /** Scores [mean, height] per image, so padding (a changed mean or height) would show. */
  const batches: string[] = [];
  const model: PredictingModel = {
    dataPreprocessor: {
      forward({ inputs, data_samples }) {
        const batch = Array.isArray(inputs) ? stack(inputs, 0) : inputs.add(0);
        return { inputs: batch, data_samples };
      },
    },
    async predict(inputs: Tensor, dataSamples) {
      const [count, , height, width] = inputs.shape as [number, number, number, number];
      batches.push(`${count}x${height}`);
      const values = (await inputs.data()) as Float32Array;
      return Array.from({ length: count }, (_, index) => {
        const image = values.subarray(index * height * width, (index + 1) * height * width);
        const mean = image.reduce((sum, value) => sum + value, 0) / image.length;
        return (dataSamples?.[index] ?? new DataSample()).setPredScore(Float32Array.of(mean, height));
      });
    },
  };

  it('runs one forward per shape within a batch, keeps the order, and reports failures by name', async () => {
    const backend = createCpuBackend({ threads: 1 });
    setDefaultBackend(backend);
    const names = ['h4-v1.png', 'broken.png', 'h6-v2.png', 'h4-v3.png', 'dropped.png', 'h6-v5.png', 'flat.png', 'bad-resize.png', 'h4-v7.png'];
    const { predictions, failures } = await inferImages(model, pipeline, names, { batchSize: 4, topk: 2 });
    backend.dispose();
    // Batch 1: h4-v1, h6-v2, h4-v3 -> 4x2 then 6x1; batch 2: h6-v5 -> 6x1; batch 3: h4-v7 -> 4x1.
    expect(batches).toEqual(['2x4', '1x6', '1x6', '1x4']);
    expect(predictions.map((prediction) => [prediction.image, prediction.topk.map((item) => item.score)])).toEqual([
      ['h4-v1.png', [4, 1]],
      ['h6-v2.png', [6, 2]],
      ['h4-v3.png', [4, 3]],
      ['h6-v5.png', [6, 5]],
      ['h4-v7.png', [7, 4]],
    ]);
    expect(failures.map(({ image, index, message }) => ({ image, index, message }))).toEqual([
      { image: 'broken.png', index: 1, message: 'Cannot decode image file "broken.png": corrupt data' },
      { image: 'dropped.png', index: 4, message: 'The test pipeline dropped dropped.png' },
      { image: 'flat.png', index: 6, message: 'The test pipeline did not pack flat.png into one CHW image (got shape [2, 2]); end it with PackInputs' },
      { image: 'bad-resize.png', index: 7, message: 'bad-resize.png: Resize: scale must be positive' },
    ]);
    expect((failures[0]?.cause as Error).message).toBe('Cannot decode image file "broken.png": corrupt data');
  });
});
