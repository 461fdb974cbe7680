import { type CollateFunction, defaultCollate } from '@mmpt/datasets';
import { type DataSample, isHostArray } from '@mmpt/structures';
import { Generator, Tensor, noGrad } from '@mmpt/tensor';
import type { Compose } from '@mmpt/transforms';
import { CliError } from '../cli-error';
import type { ImageFailure } from './image-failure';
import { type ImagePrediction, imagePrediction } from './image-prediction';

/** The default number of images per forward, as MMPretrain's `ImageClassificationInferencer`. */
export const DEFAULT_INFER_BATCH_SIZE = 32;

/** What {@link inferImages} needs of a model: a data preprocessor and `predict`, as `ImageClassifier` has. */
export interface PredictingModel {
  dataPreprocessor: { forward(batch: { inputs: Tensor | Tensor[]; data_samples: DataSample[] }, training?: boolean): { inputs: Tensor; data_samples: DataSample[] } };
  predict(inputs: Tensor, dataSamples?: readonly DataSample[]): Promise<DataSample[]>;
}

/** The options of {@link inferImages}. */
export interface InferImagesOptions {
  /** How many images go through the model in one forward; 32 by default. */
  batchSize?: number;
  /** How many of the best classes to report per image; 5 by default. */
  topk?: number;
  /** The class names, to name predictions with; ignored (with a note) when the model scores another number of classes. */
  classes?: readonly string[];
  /** How the packed samples of a batch are put together; `defaultCollate` (the data loader's default) by default. */
  collate?: CollateFunction;
  /** Where notes go; nowhere by default. */
  log?: (line: string) => void;
}

/** What {@link inferImages} gives: the predictions of the images that went through, in their order, and the images that did not. */
export interface InferImagesResult {
  predictions: ImagePrediction[];
  failures: ImageFailure[];
}

/** An image prepared by the pipeline. */
interface PreparedImage {
  image: string;
  sample: Record<string, unknown>;
  /** Images of one key (shape and kind) are stacked into one forward. */
  key: string;
}

/**
 * Classifies image files, `batchSize` at a time (MMPretrain's `ImageClassificationInferencer`):
 * the images of a batch are read and prepared by the pipeline (concurrently, each with a
 * generator seeded 0, as one at a time), collated into one batch (`defaultCollate`, as the data
 * loader of the test loop), then go through the model's data preprocessor and `predict` in one
 * forward. Images the pipeline leaves in different shapes are run as one forward per shape, so
 * that no image is padded: a prediction does not depend on the batch size or on its neighbours.
 *
 * An image that fails to load or to go through the pipeline (a corrupt file) is reported in
 * `failures`, with a message that names it, and the other images are classified all the same.
 * A model that gives no class scores is an error.
 *
 * @example
 * const model = buildModel(cfg, registries);
 * loadCheckpoint(model, 'epoch_15.safetensors', backend);
 * model.eval();
 * const { predictions, failures } = await inferImages(model as PredictingModel, buildInferencePipeline(cfg, registries), listImages('images/'), { batchSize: 16, topk: 3 });
 */
export async function inferImages(model: PredictingModel, pipeline: Pick<Compose, 'run'>, images: readonly string[], options: InferImagesOptions = {}): Promise<InferImagesResult> {
  const batchSize = options.batchSize ?? DEFAULT_INFER_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliError(`inferImages: batchSize must be a positive integer, got ${batchSize}`);
  const k = options.topk ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new CliError(`inferImages: topk must be a positive integer, got ${k}`);
  const collate = options.collate ?? defaultCollate;
  const log = options.log ?? (() => undefined);
  let classes = options.classes;
  const predictions: ImagePrediction[] = [];
  const failures: ImageFailure[] = [];
  for (let start = 0; start < images.length; start += batchSize) {
    const paths = images.slice(start, start + batchSize);
    const outcomes = await Promise.all(paths.map((image, offset) => prepareImage(pipeline, image, start + offset)));
    const prepared: PreparedImage[] = [];
    for (const outcome of outcomes) {
      if ('message' in outcome) failures.push(outcome);
      else prepared.push(outcome);
    }
    const scores = new Map<PreparedImage, Float32Array>();
    const groups = groupByKey(prepared);
    for (const [groupIndex, group] of groups.entries()) {
      try {
        const groupScores = await predictBatch(model, collate, group);
        group.forEach((item, index) => scores.set(item, groupScores[index] as Float32Array));
      } catch (error) {
        // The images still waiting may hold tensors (a PackInputs with a backend).
        for (const waiting of groups.slice(groupIndex + 1).flat()) if (waiting.sample.inputs instanceof Tensor) waiting.sample.inputs.dispose();
        throw error;
      }
    }
    for (const item of prepared) {
      const itemScores = scores.get(item) as Float32Array;
      if (classes && classes.length !== itemScores.length) {
        log(`The dataset names ${classes.length} classes but the model scores ${itemScores.length}; reporting class indices`);
        classes = undefined;
      }
      predictions.push(imagePrediction(item.image, itemScores, k, classes));
    }
  }
  return { predictions, failures };
}

/** Runs the pipeline on one image; a failure names it. */
async function prepareImage(pipeline: Pick<Compose, 'run'>, image: string, index: number): Promise<PreparedImage | ImageFailure> {
  let sample: Record<string, unknown> | null;
  try {
    sample = await pipeline.run({ img_path: image, sample_idx: index }, new Generator(0));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { image, index, message: message.includes(image) ? message : `${image}: ${message}`, cause: error };
  }
  if (!sample) return { image, index, message: `The test pipeline dropped ${image}` };
  const inputs = sample.inputs;
  const shape = isHostArray(inputs) || inputs instanceof Tensor ? inputs.shape : undefined;
  if (!shape || shape.length !== 3) {
    if (inputs instanceof Tensor) inputs.dispose();
    const got = shape ? `shape [${shape.join(', ')}]` : Array.isArray(inputs) ? `a list of ${inputs.length}` : typeof inputs;
    return { image, index, message: `The test pipeline did not pack ${image} into one CHW image (got ${got}); end it with PackInputs` };
  }
  return { image, sample, key: `${inputs instanceof Tensor ? inputs.dtype : 'host'}:${shape.join('x')}` };
}

/** The images grouped by key, groups in the order of their first image. */
function groupByKey(prepared: readonly PreparedImage[]): PreparedImage[][] {
  const groups = new Map<string, PreparedImage[]>();
  for (const item of prepared) {
    const group = groups.get(item.key);
    if (group) group.push(item);
    else groups.set(item.key, [item]);
  }
  return [...groups.values()];
}

/** One forward: the class scores of each image of a batch of one shape. */
async function predictBatch(model: PredictingModel, collate: CollateFunction, group: readonly PreparedImage[]): Promise<Float32Array[]> {
  const batch = collate(group.map((item) => item.sample));
  // Single CHW images collate to one NCHW tensor (or a list of CHW tensors with pseudo_collate).
  const inputs = batch.inputs as Tensor | Tensor[];
  // Samples without a DataSample (a pipeline that packs inputs only) get new ones from predict.
  const withSamples = batch.data_samples.every((sample) => sample !== undefined);
  const prepared = model.dataPreprocessor.forward({ inputs, data_samples: withSamples ? batch.data_samples : [] }, false);
  for (const input of [inputs].flat()) input.dispose();
  let results: DataSample[];
  try {
    results = await noGrad(() => model.predict(prepared.inputs, prepared.data_samples.length > 0 ? prepared.data_samples : undefined));
  } finally {
    prepared.inputs.dispose();
  }
  return group.map((item, index) => {
    const scores = results[index]?.predScore;
    if (!scores) throw new CliError(`The model gave no class scores for ${item.image}`);
    return scores;
  });
}
