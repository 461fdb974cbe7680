import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomDataset, DataLoader, DefaultSampler, register as registerDatasets } from '@mmpt/datasets';
import {
  CheckpointHook,
  type DeviceChoice,
  DistSamplerSeedHook,
  EpochBasedTrainLoop,
  Hook,
  IterTimerHook,
  LoggerHook,
  type Metrics,
  ParamSchedulerHook,
  Runner,
  RuntimeInfoHook,
  type TrainOutputs,
  ValLoop,
  asRunnableModel,
  register as registerEngine,
  selectDevice,
} from '@mmpt/engine';
import { Accuracy, Evaluator, register as registerEvaluation } from '@mmpt/evaluation';
import { ClsHead, CrossEntropyLoss, ImageClassifier, LeNet5, register as registerModels } from '@mmpt/models';
import { CosineAnnealingLR, OptimWrapper, SGD, register as registerOptim } from '@mmpt/optim';
import { createRegistries } from '@mmpt/registry';
import { manualSeed, setDefaultBackend } from '@mmpt/tensor';
import { LoadImageFromFile, PackInputs, Resize, register as registerTransforms } from '@mmpt/transforms';

/** The options of {@link trainInCode}. */
export interface TrainInCodeOptions {
  /** A folder in CustomDataset's sub-folder format with `train` and `test` sub-folders (what `prepareMnist` writes). */
  dataRoot: string;
  /** Where checkpoints and logs go. */
  workDir: string;
  maxEpochs?: number;
  batchSize?: number;
  learningRate?: number;
  device?: DeviceChoice;
  seed?: number;
  /** Log every this many iterations. */
  logInterval?: number;
}

/** What {@link trainInCode} returns. */
export interface TrainInCodeResult {
  /** The validation metrics after each epoch. */
  history: Metrics[];
  /** The mean training loss of each epoch (from the custom hook). */
  epochLosses: number[];
  /** The last checkpoint written. */
  checkpoint: string;
  device: string;
}

/**
 * A hook written in code: averages the training loss of each epoch and keeps the validation
 * metrics, the way a custom hook of a config (`custom_hooks`) would, but without a registry.
 */
class HistoryHook extends Hook {
  readonly epochLosses: number[] = [];
  readonly history: Metrics[] = [];
  #sum = 0;
  #count = 0;

  override beforeTrainEpoch(): void {
    this.#sum = 0;
    this.#count = 0;
  }

  override afterTrainIter(_runner: Runner, _batchIndex: number, outputs: TrainOutputs | undefined): void {
    if (outputs?.loss === undefined) return;
    this.#sum += outputs.loss;
    this.#count++;
  }

  override afterTrainEpoch(): void {
    this.epochLosses.push(this.#sum / Math.max(1, this.#count));
  }

  override afterValEpoch(_runner: Runner, metrics: Metrics): void {
    this.history.push({ ...metrics });
  }
}

/**
 * Trains LeNet-5 on a folder of digits with no CLI and no config file: every part MMEngine's
 * `Runner.from_cfg` would build from a config (model, data loaders, optimizer wrapper, scheduler,
 * loops, evaluator, hooks) is constructed here as an object and handed to a {@link Runner}.
 */
export async function trainInCode(options: TrainInCodeOptions): Promise<TrainInCodeResult> {
  const seed = options.seed ?? 0;
  const maxEpochs = options.maxEpochs ?? 5;
  // The registries are what a config would name types from; the runner keeps them for its parts.
  const registries = createRegistries();
  for (const register of [registerTransforms, registerDatasets, registerModels, registerOptim, registerEvaluation, registerEngine]) register(registries);

  // The backend is picked and passed explicitly; `auto` takes WebGPU only on a hardware adapter.
  const { backend, reason } = await selectDevice(options.device ?? 'auto');
  setDefaultBackend(backend);
  manualSeed(seed);

  const model = new ImageClassifier({
    backbone: new LeNet5({ num_classes: 10 }),
    neck: null,
    head: new ClsHead({ loss: new CrossEntropyLoss({ loss_weight: 1.0 }) }),
    data_preprocessor: { num_classes: 10, mean: [33.46], std: [78.87] },
  });
  model.initWeights();

  // Built transforms (not configs), so the loaders read in this thread (num_workers 0).
  const pipeline = [new LoadImageFromFile({ color_type: 'grayscale' }), new Resize({ scale: [32, 32] }), new PackInputs()];
  const loader = (prefix: string, shuffle: boolean) => {
    const dataset = new CustomDataset({ data_root: options.dataRoot, data_prefix: prefix, pipeline, test_mode: !shuffle });
    return new DataLoader({ dataset, sampler: new DefaultSampler({ dataset, shuffle, seed }), batch_size: options.batchSize ?? 64, num_workers: 0, backend, seed });
  };

  const runner = new Runner({ model: asRunnableModel(model), backend, workDir: options.workDir, registries, seed });
  runner.log(`Device: ${reason}`);
  runner.trainDataLoader = loader('train', true);
  runner.valDataLoader = loader('test', false);
  const optimizer = new SGD({ params: model.parameters(), lr: options.learningRate ?? 0.1, momentum: 0.9, weight_decay: 0.0001 });
  runner.optimWrapper = new OptimWrapper({ optimizer });
  runner.paramSchedulers = [new CosineAnnealingLR({ optimizer: runner.optimWrapper, T_max: maxEpochs, eta_min: 0, by_epoch: true, begin: 0, end: maxEpochs })];
  runner.trainLoop = new EpochBasedTrainLoop({ runner, dataloader: runner.trainDataLoader, max_epochs: maxEpochs, val_interval: 1 });
  runner.valLoop = new ValLoop({ runner, dataloader: runner.valDataLoader, evaluator: new Evaluator({ metrics: [new Accuracy({ topk: [1] })] }) });

  const history = new HistoryHook();
  for (const hook of [
    new RuntimeInfoHook(),
    new IterTimerHook(),
    new LoggerHook({ interval: options.logInterval ?? 50 }),
    new ParamSchedulerHook(),
    new CheckpointHook({ interval: 1, max_keep_ckpts: 1 }),
    new DistSamplerSeedHook(),
    history,
  ]) {
    runner.registerHook(hook);
  }
  try {
    await runner.train();
  } finally {
    await runner.dispose();
  }
  // The checkpoint hook records the newest checkpoint in <work_dir>/last_checkpoint.
  const checkpoint = readFileSync(join(options.workDir, 'last_checkpoint'), 'utf8').trim();
  return { history: history.history, epochLosses: history.epochLosses, checkpoint, device: reason };
}
