import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { infer } from '@mmpt/cli';
import { Config } from '@mmpt/config';
import { MNIST_SIZE, encodeGrayPng, loadMnistPackageDigits, register as registerDatasets } from '@mmpt/datasets';
import { asRunnableModel, saveCheckpoint } from '@mmpt/engine';
import { register as registerModels } from '@mmpt/models';
import { createRegistries } from '@mmpt/registry';
import { createCpuBackend, manualSeed, setDefaultBackend } from '@mmpt/tensor';
import { register as registerTransforms } from '@mmpt/transforms';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from './classifier';

/** A folder dataset of three digit classes, a LeNet-5 config for it and a checkpoint of seeded weights. */
async function setup() {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-inference-'));
  const digits = loadMnistPackageDigits();
  const images: string[] = [];
  for (const [name, digit] of [['one', 1], ['three', 3], ['zero', 0]] as const) {
    const folder = join(root, 'data', 'test', name);
    mkdirSync(folder, { recursive: true });
    const pixels = (digits[digit] as { pixels: Uint8Array }).pixels;
    for (let index = 0; index < 2; index++) {
      const file = join(folder, `${index}.png`);
      writeFileSync(file, encodeGrayPng(MNIST_SIZE, MNIST_SIZE, pixels.subarray(index * 784, (index + 1) * 784)));
      images.push(file);
    }
  }
  const pipeline = [{ type: 'LoadImageFromFile', color_type: 'grayscale' }, { type: 'Resize', scale: [32, 32] }, { type: 'PackInputs' }];
  const config = join(root, 'lenet5_three-digits.json');
  writeFileSync(
    config,
    JSON.stringify({
      model: { type: 'ImageClassifier', backbone: { type: 'LeNet5', num_classes: 3 }, head: { type: 'ClsHead' } },
      data_preprocessor: { num_classes: 3, mean: [33.46], std: [78.87] },
      test_dataloader: { batch_size: 4, dataset: { type: 'CustomDataset', data_root: join(root, 'data'), data_prefix: 'test', pipeline } },
    }),
  );
  const backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
  manualSeed(1);
  const registries = createRegistries();
  for (const register of [registerTransforms, registerDatasets, registerModels]) register(registries);
  const cfg = await Config.fromFile(config);
  const model = asRunnableModel(registries.models.build({ ...cfg.get<object>('model'), data_preprocessor: cfg.get('data_preprocessor') }));
  const checkpoint = await saveCheckpoint(model, join(root, 'lenet5.safetensors'), { meta: {} });
  model.dispose();
  backend.dispose();
  return { root, config, checkpoint, images };
}

describe('loadClassifier', () => {
  let run: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    run = await setup();
  });

  it('classifies images in batches with the class names of the dataset, as `mmpt infer` does', async () => {
    const classifier = await loadClassifier(run.config, run.checkpoint, { device: 'cpu' });
    expect(classifier.classes).toEqual(['one', 'three', 'zero']);
    const predictions = await classifier.classify(run.images, 4);
    classifier.dispose();
    expect(predictions.map((prediction) => prediction.image)).toEqual(run.images);
    for (const prediction of predictions) {
      expect(prediction.scores).toHaveLength(3);
      expect(prediction.scores.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
      expect(prediction.score).toBe(Math.max(...prediction.scores));
      expect(prediction.className).toBe(classifier.classes?.[prediction.label]);
    }
    // The CLI's infer, one image at a time, gives the same scores.
    const fromCli = await infer(run.config, run.checkpoint, join(run.root, 'data', 'test', 'three'), { device: 'cpu', topk: 3 });
    for (const [index, cliPrediction] of fromCli.entries()) {
      const ours = predictions[2 + index];
      expect(cliPrediction.pred_class).toBe(ours?.className);
      for (const item of cliPrediction.topk) expect(item.score).toBeCloseTo(ours?.scores[item.label] as number, 5);
    }
  }, 30_000);

  it('refuses a checkpoint of another model', async () => {
    await expect(loadClassifier(run.config, run.checkpoint, { device: 'cpu', cfgOptions: ['model.backbone.num_classes=4', 'data_preprocessor.num_classes=4'] })).rejects.toThrow(
      /size mismatch for "backbone\.classifier\.2\.weight"/,
    );
  });
});
