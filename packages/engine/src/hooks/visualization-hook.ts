import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Batch } from '@mmpt/datasets';
import type { DataSample } from '@mmpt/structures';
import { type Tensor, slice } from '@mmpt/tensor';
import { type Image, writeImage } from '@mmpt/transforms';
import { EpochBasedTrainLoop } from '../loops/train-loops';
import type { Runner } from '../runner/runner';
import { inputToRgbImage } from '../visualization/input-image';
import { visualizeClassification } from '../visualization/visualize-classification';
import { type EvaluationOutputs, Hook } from './hook';

/**
 * The options of {@link VisualizationHook}, as MMPretrain's: `enable`, `interval`, `show`,
 * `out_dir`, and the drawing options it passes on to `visualize_cls`.
 */
export interface VisualizationHookOptions {
  /** Draw at all. Defaults to false. */
  enable?: boolean;
  /** Draw every `interval`-th sample of a validation or test run (sample 0, interval, ...). Defaults to 5000. */
  interval?: number;
  /** Open a window: not possible in Node, so only `false` is accepted. */
  show?: boolean;
  /** Write the images here (relative to the working directory) instead of `<log dir>/vis_data/vis_image`. */
  out_dir?: string | null;
  /** Class names; defaults to the `classes` of the loop's dataset. */
  classes?: readonly string[] | null;
  /** Write the ground-truth labels. Defaults to true. */
  draw_gt?: boolean;
  /** Write the predicted labels. Defaults to true. */
  draw_pred?: boolean;
  /** Write the scores of the predicted labels. Defaults to true. */
  draw_score?: boolean;
  /** Resize the short edge of the image to this length before drawing. */
  resize?: number | null;
  /** Rescale the image by this factor before drawing (when `resize` is not given). */
  rescale_factor?: number | null;
  /** How long a shown window waits: accepted for MMPretrain configs; nothing is shown. */
  wait_time?: number;
}

const OPTION_NAMES = new Set(['enable', 'interval', 'show', 'out_dir', 'classes', 'draw_gt', 'draw_pred', 'draw_score', 'resize', 'rescale_factor', 'wait_time']);

/**
 * MMPretrain's `VisualizationHook`: during validation and testing, draws every `interval`-th
 * sample (counting samples across the batches of the run: 0, interval, 2 interval, ...) with its
 * ground-truth and predicted labels, scores and class names, and writes it as a PNG named
 * `<image file name>_<step>.png` (or `<sample index>_<step>.png` for a sample without `img_path`),
 * where the step is the epoch (epoch-based training), the iteration (iteration-based training) or
 * 0 (testing). The images go to `out_dir` when given, else to the run's
 * `<work_dir>/<timestamp>/vis_data/vis_image/` (MMEngine's `LocalVisBackend`).
 *
 * The image drawn is the model's input as the data loader gave it (after the pipeline, before the
 * data preprocessor), as in MMPretrain (the first view for multi-view samples); it is read as BGR
 * when the data preprocessor flips it to RGB (`to_rgb: true`) and as RGB otherwise, so colours
 * come out right. Labels use a built-in bitmap font (no system font needed). `show: true` is
 * refused: a Node process has no window.
 *
 * @example
 * default_hooks: { visualization: { type: 'VisualizationHook', enable: true, interval: 100, resize: 224 } }
 */
export class VisualizationHook extends Hook {
  override priority = 'NORMAL' as const;
  readonly enable: boolean;
  readonly interval: number;
  readonly outDir: string | undefined;
  readonly #options: VisualizationHookOptions;
  /** Samples of the current validation or test run seen before the current batch. */
  #seen = 0;

  constructor(options: VisualizationHookOptions = {}) {
    super();
    const unknown = Object.keys(options).filter((name) => !OPTION_NAMES.has(name));
    if (unknown.length > 0) {
      const note = unknown.includes('text_cfg') ? ' (text_cfg sets matplotlib text options; labels here use a fixed bitmap font)' : '';
      throw new Error(`VisualizationHook: unknown option(s) ${unknown.join(', ')}${note}; accepted: ${[...OPTION_NAMES].join(', ')}`);
    }
    if (options.show) {
      throw new Error('VisualizationHook: show: true would open a window, which a Node process cannot do; leave show false and look at the PNGs written to out_dir or <work_dir>/<timestamp>/vis_data/vis_image');
    }
    const interval = options.interval ?? 5000;
    if (!Number.isInteger(interval) || interval < 1) throw new RangeError(`VisualizationHook: interval must be a positive integer, got ${interval}`);
    this.enable = options.enable ?? false;
    this.interval = interval;
    this.outDir = options.out_dir ?? undefined;
    this.#options = options;
  }

  override beforeValEpoch(): void {
    this.#seen = 0;
  }

  override beforeTestEpoch(): void {
    this.#seen = 0;
  }

  override async afterValIter(runner: Runner, _batchIndex: number, dataBatch?: Batch, outputs?: EvaluationOutputs): Promise<void> {
    const step = runner.trainLoop instanceof EpochBasedTrainLoop ? runner.epoch : runner.iter;
    await this.#drawSamples(runner, 'val', dataBatch, outputs, step);
  }

  override async afterTestIter(runner: Runner, _batchIndex: number, dataBatch?: Batch, outputs?: EvaluationOutputs): Promise<void> {
    await this.#drawSamples(runner, 'test', dataBatch, outputs, 0);
  }

  async #drawSamples(runner: Runner, phase: 'val' | 'test', dataBatch: Batch | undefined, outputs: EvaluationOutputs | undefined, step: number): Promise<void> {
    if (!this.enable) return;
    if (!dataBatch || !outputs) throw new Error(`VisualizationHook: the ${phase} loop did not pass the data batch and the predictions to after_${phase}_iter, so there is nothing to draw`);
    const start = this.#seen;
    this.#seen += outputs.length;
    const first = Math.ceil(start / this.interval) * this.interval;
    for (let sampleIndex = first; sampleIndex < start + outputs.length; sampleIndex += this.interval) {
      const sample = outputs[sampleIndex - start] as DataSample;
      const image = await inputImage(dataBatch.inputs, sampleIndex - start, flipsToRgb(runner));
      const drawn = visualizeClassification(image, sample, {
        classes: this.#options.classes ?? (phase === 'val' ? runner.valDataLoader : runner.testDataLoader)?.dataset.classes,
        drawGt: this.#options.draw_gt ?? true,
        drawPred: this.#options.draw_pred ?? true,
        drawScore: this.#options.draw_score ?? true,
        resize: this.#options.resize ?? undefined,
        rescaleFactor: this.#options.rescale_factor ?? undefined,
      });
      const imagePath = sample.get('img_path');
      const name = typeof imagePath === 'string' ? basename(imagePath) : String(sampleIndex);
      const folder = this.outDir !== undefined ? resolve(this.outDir) : join(runner.logDir, 'vis_data', 'vis_image');
      await mkdir(folder, { recursive: true });
      await writeImage(join(folder, `${name}_${step}.png`), drawn);
    }
  }
}

/** Whether the model's data preprocessor flips the inputs from BGR to RGB (`to_rgb`). */
function flipsToRgb(runner: Runner): boolean {
  return (runner.model.dataPreprocessor as { toRgb?: unknown }).toRgb === true;
}

/**
 * Input `index` of a batch as an RGB image: the batch is one NCHW tensor or a list of CHW tensors;
 * with several views per sample (`MultiView`: one NCHW tensor or one list per view), the first view.
 */
async function inputImage(inputs: Batch['inputs'], index: number, bgr: boolean): Promise<Image> {
  const firstView = Array.isArray(inputs) && (Array.isArray(inputs[0]) || inputs[0]?.rank === 4) ? inputs[0] : inputs;
  if (Array.isArray(firstView)) {
    const input = firstView[index] as Tensor;
    return inputToRgbImage(await input.data(), input.shape, bgr);
  }
  const one = slice(firstView as Tensor, [{ start: index, end: index + 1 }]);
  try {
    return inputToRgbImage(await one.data(), one.shape.slice(1), bgr);
  } finally {
    one.dispose();
  }
}
