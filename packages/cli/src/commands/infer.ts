import { existsSync, writeFileSync } from 'node:fs';
import { type DeviceChoice, selectDevice } from '@mmpt/engine';
import { type DataSample, isHostArray } from '@mmpt/structures';
import { Generator, Tensor, noGrad, setDefaultBackend, tensor } from '@mmpt/tensor';
import { CliError } from '../cli-error';
import { buildModel, describeKeyReport, loadCheckpoint } from '../infer/build-model';
import { configClassNames } from '../infer/class-names';
import { buildInferencePipeline } from '../infer/inference-pipeline';
import { listImages } from '../infer/list-images';
import { type ClassScore, topK } from '../infer/top-k';
import { loadConfig } from '../load-config';
import { createAllRegistries } from '../registries';

/** The options of `mmpt infer`. */
export interface InferOptions {
  /** How many of the best classes to report per image; 5 by default. */
  topk?: number;
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

/** The prediction for one image. */
export interface ImagePrediction {
  image: string;
  pred_label: number;
  /** The name of the predicted class, when the config's dataset names its classes. */
  pred_class?: string;
  pred_score: number;
  /** The best classes, best first. */
  topk: ClassScore[];
}

/**
 * `mmpt infer CONFIG CHECKPOINT IMAGE_OR_FOLDER`: builds the config's model, loads the checkpoint,
 * prepares each image with the config's test pipeline and returns its best classes and scores
 * (named by the test dataset's classes when the config gives them), optionally written as JSON.
 */
export async function infer(configPath: string, checkpoint: string, target: string, options: InferOptions = {}): Promise<ImagePrediction[]> {
  const k = options.topk ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new CliError(`--topk must be a positive integer, got ${k}`);
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
    let classes = configClassNames(cfg, registries);
    const predictions: ImagePrediction[] = [];
    for (const [index, image] of images.entries()) {
      const sample = await pipeline.run({ img_path: image, sample_idx: index }, new Generator(0));
      if (!sample) throw new CliError(`The test pipeline dropped ${image}`);
      const scores = await predictScores(model as Parameters<typeof predictScores>[0], sample.inputs, sample.data_samples as DataSample | undefined, image);
      if (classes && classes.length !== scores.length) {
        log(`The dataset names ${classes.length} classes but the model scores ${scores.length}; reporting class indices`);
        classes = undefined;
      }
      const best = topK(scores, k, classes);
      const first = best[0] as ClassScore;
      predictions.push({ image, pred_label: first.label, ...(first.class === undefined ? {} : { pred_class: first.class }), pred_score: first.score, topk: best });
    }
    if (options.out) writeFileSync(options.out, `${JSON.stringify(predictions, null, 2)}\n`);
    return predictions;
  } finally {
    model.dispose();
    backend.dispose();
  }
}

type Predictor = {
  dataPreprocessor: { forward(batch: { inputs: Tensor[]; data_samples: DataSample[] }, training?: boolean): { inputs: Tensor; data_samples: DataSample[] } };
  predict(inputs: Tensor, dataSamples?: readonly DataSample[]): Promise<DataSample[]>;
};

/** The class scores of one packed image (a host CHW array or a tensor). */
async function predictScores(model: Predictor, inputs: unknown, dataSample: DataSample | undefined, image: string): Promise<Float32Array> {
  let input: Tensor;
  if (isHostArray(inputs)) input = tensor(Float32Array.from(inputs.data), { shape: [...inputs.shape] });
  else if (inputs instanceof Tensor) input = inputs;
  else throw new CliError(`The test pipeline did not pack ${image} into one image (end it with PackInputs)`);
  const prepared = model.dataPreprocessor.forward({ inputs: [input], data_samples: dataSample ? [dataSample] : [] }, false);
  input.dispose();
  try {
    const [result] = await noGrad(() => model.predict(prepared.inputs, prepared.data_samples.length > 0 ? prepared.data_samples : undefined));
    const scores = result?.predScore;
    if (!scores) throw new CliError(`The model gave no class scores for ${image}`);
    return scores;
  } finally {
    prepared.inputs.dispose();
  }
}
