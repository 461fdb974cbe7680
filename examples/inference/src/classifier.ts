import { Config } from '@mmpt/config';
import { type Dataset, register as registerDatasets } from '@mmpt/datasets';
import { type DeviceChoice, type RunnableModel, asRunnableModel, loadWeights, selectDevice } from '@mmpt/engine';
import { register as registerModels } from '@mmpt/models';
import { type BuildConfig, createRegistries } from '@mmpt/registry';
import { type DataSample, isHostArray } from '@mmpt/structures';
import { Generator, type Tensor, noGrad, setDefaultBackend, tensor } from '@mmpt/tensor';
import { Compose, register as registerTransforms } from '@mmpt/transforms';

/** The prediction for one image. */
export interface Prediction {
  image: string;
  /** The predicted class index. */
  label: number;
  /** Its name, when the config's test dataset names its classes. */
  className?: string;
  /** Its probability. */
  score: number;
  /** The probability of every class. */
  scores: Float32Array;
}

/** A model loaded from a config and a checkpoint, ready to classify image files. */
export interface Classifier {
  /** The class names of the config's test dataset, if it has them. */
  readonly classes: string[] | undefined;
  /** What the device selection said (`cpu: as asked`, `webgpu: <adapter>`...). */
  readonly device: string;
  /** Classifies image files, `batchSize` at a time. */
  classify(images: readonly string[], batchSize?: number): Promise<Prediction[]>;
  /** Releases the model and the backend. */
  dispose(): void;
}

/** The options of {@link loadClassifier}. */
export interface LoadClassifierOptions {
  device?: DeviceChoice;
  /** Overrides of the config, as `--cfg-options` (`model.head.num_classes=4`). */
  cfgOptions?: string[];
}

/**
 * Loads an image classifier the way MMPretrain's `ImageClassificationInferencer` does: the config
 * gives the model and the test pipeline, the checkpoint the weights (every key must match), and
 * the test dataset the class names.
 *
 * @example
 * const classifier = await loadClassifier('configs/lenet/lenet5_1xb128-coslr-15e_mnist.ts', 'work_dirs/lenet5_1xb128-coslr-15e_mnist/epoch_15.safetensors');
 * const [prediction] = await classifier.classify(['digit.png']);
 * classifier.dispose();
 */
export async function loadClassifier(configPath: string, checkpoint: string, options: LoadClassifierOptions = {}): Promise<Classifier> {
  const cfg = await Config.fromFile(configPath, { cfgOptions: options.cfgOptions ?? [] });
  const registries = createRegistries();
  for (const register of [registerTransforms, registerDatasets, registerModels]) register(registries);

  const { backend, reason } = await selectDevice(options.device ?? 'auto');
  setDefaultBackend(backend);
  // A config may give the data preprocessor at the top level, as MMPretrain's do.
  const modelConfig = { ...cfg.get<BuildConfig>('model') };
  if (modelConfig.data_preprocessor === undefined && cfg.has('data_preprocessor')) modelConfig.data_preprocessor = cfg.get('data_preprocessor');
  let model: RunnableModel | undefined;
  try {
    model = asRunnableModel(registries.models.build(modelConfig));
    loadWeights(model, checkpoint, backend, { strict: true });
  } catch (error) {
    model?.dispose();
    backend.dispose();
    throw error;
  }
  const loaded = model;
  loaded.eval();
  const predict = loaded.predict?.bind(loaded);
  if (!predict) {
    loaded.dispose();
    backend.dispose();
    throw new Error(`The model of ${configPath} (${loaded.constructor.name}) has no predict method`);
  }

  // The test pipeline reads the file itself; a pipeline for in-memory images gets a loader in front.
  const steps = cfg.get<BuildConfig[]>('test_dataloader.dataset.pipeline');
  const transforms = steps.some((step) => step.type === 'LoadImageFromFile') ? steps : [{ type: 'LoadImageFromFile' }, ...steps];
  const pipeline = new Compose({ transforms, registry: registries.transforms });
  const classes = datasetClasses(cfg.get<BuildConfig>('test_dataloader.dataset'), (config) => registries.datasets.build(config) as Dataset);

  return {
    classes,
    device: reason,
    async classify(images, batchSize = 32) {
      const predictions: Prediction[] = [];
      for (let start = 0; start < images.length; start += batchSize) {
        const batch = images.slice(start, start + batchSize);
        const inputs: Tensor[] = [];
        const samples: DataSample[] = [];
        for (const image of batch) {
          const packed = await pipeline.run({ img_path: image }, new Generator(0));
          if (!packed || !isHostArray(packed.inputs)) throw new Error(`The test pipeline did not pack ${image} into an image (end it with PackInputs)`);
          inputs.push(tensor(Float32Array.from(packed.inputs.data), { shape: [...packed.inputs.shape] }));
          samples.push(packed.data_samples as DataSample);
        }
        // The preprocessor stacks and normalises the batch; predict writes softmax scores into the samples.
        const prepared = loaded.dataPreprocessor.forward({ inputs, data_samples: samples }, false);
        for (const input of inputs) input.dispose();
        const results = await noGrad(() => predict(prepared.inputs, prepared.data_samples));
        for (const input of [prepared.inputs].flat()) input.dispose();
        results.forEach((result, index) => {
          const scores = result.predScore as Float32Array;
          const label = (result.predLabel as Int32Array)[0] as number;
          const className = classes?.[label];
          predictions.push({ image: batch[index] as string, label, ...(className === undefined ? {} : { className }), score: scores[label] as number, scores });
        });
      }
      return predictions;
    },
    dispose() {
      loaded.dispose();
      backend.dispose();
    },
  };
}

/** The class names of a dataset config: those it lists, else those of the built dataset (a CustomDataset's folders). */
function datasetClasses(config: BuildConfig, build: (config: BuildConfig) => Dataset): string[] | undefined {
  const listed = config.classes ?? (config.metainfo as { classes?: unknown } | undefined)?.classes;
  if (Array.isArray(listed)) return listed.map(String);
  try {
    return build({ ...config, pipeline: [] }).classes;
  } catch {
    // The dataset is not on this machine: predictions carry class indices only.
    return undefined;
  }
}
