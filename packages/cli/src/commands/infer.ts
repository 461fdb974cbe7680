import { existsSync, writeFileSync } from 'node:fs';
import { type DeviceChoice, selectDevice } from '@mmpt/engine';
import { setDefaultBackend } from '@mmpt/tensor';
import { CliError } from '../cli-error';
import { buildModel, describeKeyReport, loadCheckpoint } from '../infer/build-model';
import { configClassNames } from '../infer/class-names';
import { ImageInferenceError } from '../infer/image-failure';
import type { ImagePrediction } from '../infer/image-prediction';
import { DEFAULT_INFER_BATCH_SIZE, type PredictingModel, inferImages } from '../infer/infer-images';
import { buildInferencePipeline } from '../infer/inference-pipeline';
import { listImages } from '../infer/list-images';
import { loadConfig } from '../load-config';
import { createAllRegistries } from '../registries';

export type { ImagePrediction } from '../infer/image-prediction';

/** The options of `mmpt infer`. */
export interface InferOptions {
  /** How many of the best classes to report per image; 5 by default. */
  topk?: number;
  /** How many images go through the model in one forward; 32 by default (MMPretrain's `batch_size`). */
  batchSize?: number;
  /** Write the predictions to this JSON file. */
  out?: string;
  cfgOptions?: string[];
  device?: DeviceChoice;
  threads?: number;
  /** Fail when the checkpoint's keys and the model's differ (the default); false loads what fits. */
  strict?: boolean;
  /** Where notes go (the device, a key report); nowhere by default. */
  log?: (line: string) => void;
}

/**
 * `mmpt infer CONFIG CHECKPOINT IMAGE_OR_FOLDER`: builds the config's model, loads the checkpoint,
 * prepares the images with the config's test pipeline and runs them through the model
 * `batchSize` at a time (see {@link inferImages}); returns each image's best classes and scores
 * (named by the test dataset's classes when the config gives them), optionally written as JSON.
 *
 * Images that cannot be classified (a corrupt file) do not stop the others: once every image has
 * been tried, an {@link ImageInferenceError} names them and carries the predictions of the others,
 * which `out` receives all the same.
 */
export async function infer(configPath: string, checkpoint: string, target: string, options: InferOptions = {}): Promise<ImagePrediction[]> {
  const k = options.topk ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new CliError(`--topk must be a positive integer, got ${k}`);
  const batchSize = options.batchSize ?? DEFAULT_INFER_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliError(`--batch-size must be a positive integer, got ${batchSize}`);
  if (!existsSync(checkpoint)) throw new CliError(`Checkpoint not found: ${checkpoint}`);
  const images = listImages(target);
  const log = options.log ?? (() => undefined);
  const registries = createAllRegistries();
  const { cfg } = await loadConfig(configPath, options.cfgOptions ?? [], registries);
  const { backend, reason } = await selectDevice(options.device ?? 'auto', options.threads === undefined ? {} : { threads: options.threads });
  setDefaultBackend(backend);
  log(`Device: ${reason}`);
  const model = (() => {
    try {
      return buildModel(cfg, registries);
    } catch (error) {
      backend.dispose();
      throw error;
    }
  })();
  try {
    const report = loadCheckpoint(model, checkpoint, backend, options.strict ?? true);
    log(`Loaded ${checkpoint}: ${describeKeyReport(report)}`);
    if (!model.predict) throw new CliError(`The model (${model.constructor.name}) has no predict method, so it cannot classify images`);
    model.eval();
    const pipeline = buildInferencePipeline(cfg, registries);
    const classes = configClassNames(cfg, registries);
    const { predictions, failures } = await inferImages(model as PredictingModel, pipeline, images, { batchSize, topk: k, ...(classes ? { classes } : {}), log });
    if (options.out && predictions.length > 0) writeFileSync(options.out, `${JSON.stringify(predictions, null, 2)}\n`);
    if (failures.length > 0) throw new ImageInferenceError(failures, predictions, predictions.length > 0 ? options.out : undefined);
    return predictions;
  } finally {
    model.dispose();
    backend.dispose();
  }
}
