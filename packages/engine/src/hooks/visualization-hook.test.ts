import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@mmpt/config';
import { register as registerDatasets } from '@mmpt/datasets';
import { register as registerEvaluation } from '@mmpt/evaluation';
import { register as registerModels } from '@mmpt/models';
import { register as registerOptim } from '@mmpt/optim';
import { createRegistries } from '@mmpt/registry';
import { Flatten, Linear, Module, ReLU, Sequential, type Tensor } from '@mmpt/tensor';
import { type Image, createImage, readImage, register as registerTransforms, writeImage } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { register as registerToy } from '../__fixtures__/toy-plugin';
import { register } from '../register';
import { buildRunner } from '../runner/build-runner';
import { VisualizationHook } from './visualization-hook';

/** A backbone for 3 x 4 x 4 colour images. */
class ColorToyNet extends Module<[Tensor], Tensor[]> {
  readonly body: Sequential;

  constructor() {
    super();
    this.body = this.registerModule('body', new Sequential(new Flatten(), new Linear(48, 8), new ReLU()));
  }

  forward(x: Tensor): Tensor[] {
    return [this.body.forward(x)];
  }
}

/** The RGB colour of each class: both reddish, so that a swap of red and blue shows. */
const COLORS = { dark: [90, 40, 10], light: [230, 170, 120] } as const;

/** 4 x 4 PNGs in class folders: `train/<class>/<class>-<i>.png` (8 each), `val/<class>/<class>-<i>.png` (4 each). */
async function dataFolder(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-vis-data-'));
  for (const [split, count] of [['train', 8], ['val', 4]] as const) {
    for (const [name, color] of Object.entries(COLORS)) {
      mkdirSync(join(root, split, name), { recursive: true });
      for (let index = 0; index < count; index++) {
        const data = new Uint8Array(4 * 4 * 3).map((_, at) => (color[at % 3] as number) + ((at * 7 + index) % 5));
        await writeImage(join(root, split, name, `${name}-${index}.png`), createImage(4, 4, 3, { data, channelOrder: 'rgb' }));
      }
    }
  }
  return root;
}

const data = await dataFolder();

function registries() {
  const result = createRegistries();
  for (const fill of [registerDatasets, registerTransforms, registerModels, registerOptim, registerEvaluation, register, registerToy]) fill(result);
  result.models.register(ColorToyNet);
  return result;
}

function loader(split: string, batchSize: number, pipeline: unknown[], shuffle = false) {
  return { batch_size: batchSize, dataset: { type: 'CustomDataset', data_prefix: join(data, split), pipeline }, sampler: { type: 'DefaultSampler', shuffle } };
}

const imagePipeline = [{ type: 'LoadImageFromFile' }, { type: 'PackInputs' }];

/** A run on the PNG folders (LoadImageFromFile gives BGR; the preprocessor flips it to RGB). */
function imageConfig(visualization: Record<string, unknown>, extra: Record<string, unknown> = {}): Config {
  return Config.fromDict({
    model: {
      type: 'ImageClassifier',
      backbone: { type: 'ColorToyNet' },
      head: { type: 'LinearClsHead', num_classes: 2, in_channels: 8 },
      data_preprocessor: { mean: [127, 127, 127], std: [60, 60, 60], to_rgb: true },
    },
    train_dataloader: loader('train', 8, imagePipeline, true),
    // Batches of 3 do not line up with the interval: samples are counted across batches.
    val_dataloader: loader('val', 3, imagePipeline),
    val_evaluator: { type: 'Accuracy', topk: [1] },
    test_dataloader: loader('val', 3, imagePipeline),
    test_evaluator: { type: 'Accuracy', topk: [1] },
    optim_wrapper: { optimizer: { type: 'SGD', lr: 0.01 } },
    train_cfg: { by_epoch: true, max_epochs: 2, val_interval: 1 },
    val_cfg: {},
    test_cfg: {},
    default_hooks: { logger: { type: 'LoggerHook', interval: 100 }, checkpoint: null, visualization: { type: 'VisualizationHook', ...visualization } },
    randomness: { seed: 3 },
    ...extra,
  });
}

async function run(cfg: Config, phase: 'train' | 'test') {
  const workDir = mkdtempSync(join(tmpdir(), 'mmpt-vis-'));
  const runner = await buildRunner(cfg, { registries: registries(), workDir, device: 'cpu', phase });
  runner.logger.setFile(join(runner.logDir, 'test.log'));
  if (phase === 'train') await runner.train();
  else await runner.test();
  await runner.dispose();
  return { workDir, visImage: join(runner.logDir, 'vis_data', 'vis_image') };
}

function rgb(image: Image, x: number, y: number): number[] {
  const at = (y * image.width + x) * image.channels;
  const values = Array.from(image.data.slice(at, at + 3));
  return image.channelOrder === 'bgr' ? values.reverse() : values;
}

/** White pixels in a region: the label text (the images themselves have none). */
function whitePixels(image: Image, x1: number, y1: number): number {
  let count = 0;
  for (let y = 0; y < y1; y++) for (let x = 0; x < x1; x++) if (rgb(image, x, y).every((value) => value === 255)) count++;
  return count;
}

describe('VisualizationHook', () => {
  it('draws every interval-th validation sample into vis_data/vis_image, named after the image and the epoch', async () => {
    const { visImage } = await run(imageConfig({ enable: true, interval: 3, resize: 64 }), 'train');
    // The 8 validation images in order: dark-0..3, light-0..3; samples 0, 3 and 6, after epochs 1 and 2.
    const expected = ['dark-0.png', 'dark-3.png', 'light-2.png'].flatMap((name) => [1, 2].map((epoch) => `${name}_${epoch}.png`));
    expect(readdirSync(visImage).sort()).toEqual(expected.sort());
    const dark = await readImage(join(visImage, 'dark-3.png_2.png'));
    expect([dark.width, dark.height]).toEqual([64, 64]);
    expect(whitePixels(dark, 64, 20)).toBeGreaterThan(40);
    expect(whitePixels(dark, 64, 64) - whitePixels(dark, 64, 20)).toBe(0);
    // Away from the label: the image in its colours (read as BGR, shown as RGB).
    const [red, green, blue] = rgb(dark, 60, 60) as [number, number, number];
    expect(Math.abs(red - 92)).toBeLessThanOrEqual(3);
    expect(Math.abs(green - 42)).toBeLessThanOrEqual(3);
    expect(Math.abs(blue - 12)).toBeLessThanOrEqual(3);
    const light = await readImage(join(visImage, 'light-2.png_1.png'));
    expect(rgb(light, 60, 60)[0]).toBeGreaterThan(rgb(light, 60, 60)[2] as number);
  }, 60_000);

  it('writes test samples to out_dir with step 0', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'mmpt-vis-out-')), 'drawn');
    const { visImage } = await run(imageConfig({ enable: true, interval: 5, out_dir: outDir, draw_score: false }, { train_dataloader: null }), 'test');
    expect(readdirSync(outDir).sort()).toEqual(['dark-0.png_0.png', 'light-1.png_0.png']);
    expect(existsSync(visImage)).toBe(false);
    // No resize: a 4 x 4 image holds only the top left corner of the label box.
    const drawn = await readImage(join(outDir, 'dark-0.png_0.png'));
    expect([drawn.width, drawn.height]).toEqual([4, 4]);
  }, 60_000);

  it('names samples without img_path by their index, with the iteration as the step of iteration-based training', async () => {
    const pipeline = [{ type: 'PackToy' }];
    const cfg = Config.fromDict({
      model: { type: 'ImageClassifier', backbone: { type: 'ToyNet' }, head: { type: 'LinearClsHead', num_classes: 2, in_channels: 8 }, data_preprocessor: { mean: [100], std: [50] } },
      train_dataloader: loader('train', 4, pipeline, true),
      val_dataloader: loader('val', 4, pipeline),
      val_evaluator: { type: 'Accuracy', topk: [1] },
      optim_wrapper: { optimizer: { type: 'SGD', lr: 0.01 } },
      train_cfg: { by_epoch: false, max_iters: 4, val_interval: 2 },
      val_cfg: {},
      default_hooks: { logger: { type: 'LoggerHook', interval: 100 }, checkpoint: null, visualization: { type: 'VisualizationHook', enable: true, interval: 4, resize: 224 } },
      randomness: { seed: 3 },
    });
    const { visImage } = await run(cfg, 'train');
    expect(readdirSync(visImage).sort()).toEqual(['0_2.png', '0_4.png', '4_2.png', '4_4.png']);
    const drawn = await readImage(join(visImage, '4_4.png'));
    expect([drawn.width, drawn.height]).toEqual([224, 224]);
    // 'Ground truth: 1 (light)' and 'Prediction: 1, 0.xx (light)' at one font pixel per image pixel.
    expect(whitePixels(drawn, 170, 30)).toBeGreaterThan(150);
    expect(whitePixels(drawn, 224, 224)).toBe(whitePixels(drawn, 170, 30));
  }, 60_000);

  it('writes nothing when disabled', async () => {
    const { visImage, workDir } = await run(imageConfig({ enable: false, interval: 1 }, { train_cfg: { by_epoch: true, max_epochs: 1 } }), 'train');
    expect(existsSync(visImage)).toBe(false);
    expect(readdirSync(workDir).some((name) => name.endsWith('.png'))).toBe(false);
  }, 60_000);

  it('refuses show, unknown options and a bad interval by name', () => {
    expect(() => new VisualizationHook({ enable: true, show: true })).toThrow(/show: true would open a window/);
    expect(() => new VisualizationHook({ text_cfg: {} } as never)).toThrow(/unknown option\(s\) text_cfg \(text_cfg sets matplotlib/);
    expect(() => new VisualizationHook({ interval: 0 })).toThrow(/interval must be a positive integer, got 0/);
    expect(new VisualizationHook()).toMatchObject({ enable: false, interval: 5000, outDir: undefined });
  });
});
