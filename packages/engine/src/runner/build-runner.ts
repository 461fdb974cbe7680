import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Config } from '@mmpt/config';
import { type DataLoaderConfig, buildDataLoader } from '@mmpt/datasets';
import { type EvaluatorConfig, buildEvaluator } from '@mmpt/evaluation';
import { loadPretrainedWeights } from '@mmpt/models';
import { type OptimWrapperConfig, buildOptimWrapper, buildParamSchedulers, scaleLr } from '@mmpt/optim';
import type { BuildConfig, Registries } from '@mmpt/registry';
import { manualSeed, setDefaultBackend } from '@mmpt/tensor';
import type { Hook } from '../hooks/hook';
import { TestLoop, ValLoop } from '../loops/eval-loops';
import type { TrainLoop } from '../loops/train-loops';
import { type DeviceChoice, selectDevice } from './device';
import { asRunnableModel } from './runnable-model';
import { Runner, timestamp } from './runner';

/** The options of {@link buildRunner} (what the CLI's flags set). */
export interface BuildRunnerOptions {
  /** Registries with every package (and plugin) registered. */
  registries: Registries;
  /** Overrides `work_dir`; `work_dirs/<config name>` when neither is given. */
  workDir?: string;
  device?: DeviceChoice;
  threads?: number;
  /** Train with AmpOptimWrapper (float16 compute where the backend has it). */
  amp?: boolean;
  /** Scale the learning rate by the batch size (`auto_scale_lr`). */
  autoScaleLr?: boolean;
  /** Resume: true for the work dir's last checkpoint, or a checkpoint path. */
  resume?: boolean | string;
  /** Overrides `load_from`. */
  loadFrom?: string;
  /** Overrides `randomness.seed`. */
  seed?: number;
  /** Extra modules the data loader workers import (plugins of `custom_imports`). */
  workerImports?: string[];
  /** Which parts to build: training needs the train and val parts, testing the test part. */
  phase?: 'train' | 'val' | 'test';
}

/**
 * Builds a {@link Runner} from a config, as MMEngine's `Runner.from_cfg`: device, seed, model
 * (with `init_cfg` and `load_from`), data loaders, optimizer wrapper (with `--amp` and
 * `auto_scale_lr`), parameter schedulers, evaluators, loops and hooks, then resumes when asked.
 */
export async function buildRunner(cfg: Config, options: BuildRunnerOptions): Promise<Runner> {
  const registries = options.registries;
  const phase = options.phase ?? 'train';
  const workDir = resolve(options.workDir ?? cfg.get<string>('work_dir') ?? join('work_dirs', basename(cfg.filename ?? 'run', extname(cfg.filename ?? ''))));
  mkdirSync(workDir, { recursive: true });
  const seed = options.seed ?? cfg.get<number | null>('randomness.seed') ?? Math.floor(Math.random() * 2 ** 31);
  manualSeed(seed);
  const { backend, reason } = await selectDevice(options.device ?? (cfg.get<DeviceChoice>('device') ?? 'auto'), options.threads === undefined ? {} : { threads: options.threads });
  setDefaultBackend(backend);
  const modelConfig = { ...cfg.get<BuildConfig>('model') };
  if (modelConfig.data_preprocessor === undefined && cfg.has('data_preprocessor')) modelConfig.data_preprocessor = cfg.get('data_preprocessor');
  const model = asRunnableModel(registries.models.build(modelConfig));
  const runner = new Runner({ model, backend, workDir, registries, config: cfg, seed, logDir: join(workDir, timestamp()) });
  runner.log(`Device: ${reason}; seed ${seed}; work dir ${workDir}`);
  if (phase === 'train') cfg.dump(join(runner.logDir, 'vis_data', 'config.ts'));
  model.initWeights?.(loadPretrainedWeights);
  const loaderOptions = { seed, backend, workerImports: ['@mmpt/datasets', '@mmpt/transforms', ...(options.workerImports ?? [])] };
  const loader = (key: string) => (cfg.has(key) && cfg.get(key) ? buildDataLoader(cfg.get<DataLoaderConfig>(key), registries, loaderOptions) : undefined);
  if (phase === 'train') {
    runner.trainDataLoader = loader('train_dataloader');
    if (!runner.trainDataLoader) throw new Error(`${cfg.filename ?? 'the config'} has no train_dataloader, so it cannot train`);
    const optimConfig = { ...cfg.get<OptimWrapperConfig>('optim_wrapper') };
    if (options.amp) (optimConfig as Record<string, unknown>).type = 'AmpOptimWrapper';
    runner.optimWrapper = buildOptimWrapper(model, optimConfig, registries);
    const autoScale = cfg.get<{ base_batch_size: number; enable?: boolean } | undefined>('auto_scale_lr');
    if (options.autoScaleLr && autoScale) {
      const ratio = scaleLr(runner.optimWrapper, { ...autoScale, enable: true }, { batchSize: cfg.get<number>('train_dataloader.batch_size', 1) });
      runner.log(`auto_scale_lr: the learning rate is scaled by ${ratio}`);
    }
    runner.trainLoop = buildTrainLoop(runner, cfg, registries);
    if (cfg.has('param_scheduler') && cfg.get('param_scheduler')) {
      runner.paramSchedulers = buildParamSchedulers(cfg.get('param_scheduler'), {
        optimWrapper: runner.optimWrapper,
        registries,
        maxEpochs: runner.trainLoop.maxEpochs,
        maxIters: runner.trainLoop.maxIters,
        epochLength: runner.trainDataLoader.length,
      });
    }
  }
  if (phase !== 'test' && cfg.has('val_dataloader') && cfg.get('val_dataloader') && cfg.get('val_evaluator')) {
    runner.valDataLoader = loader('val_dataloader');
    const evaluator = buildEvaluator(cfg.get<EvaluatorConfig>('val_evaluator'), registries);
    runner.valLoop = registries.loops.build({ type: 'ValLoop', ...cfg.get<object>('val_cfg', {}) }, { runner, dataloader: runner.valDataLoader, evaluator }) as ValLoop;
  }
  if (phase === 'test' && cfg.get('test_dataloader') && cfg.get('test_evaluator')) {
    runner.testDataLoader = loader('test_dataloader');
    const evaluator = buildEvaluator(cfg.get<EvaluatorConfig>('test_evaluator'), registries);
    runner.testLoop = registries.loops.build({ type: 'TestLoop', ...cfg.get<object>('test_cfg', {}) }, { runner, dataloader: runner.testDataLoader, evaluator }) as TestLoop;
  }
  for (const hook of buildHooks(cfg, registries)) runner.registerHook(hook);
  const loadFrom = options.loadFrom ?? cfg.get<string | null>('load_from');
  const resume = options.resume ?? cfg.get<boolean | string>('resume', false);
  if (resume) {
    const path = typeof resume === 'string' ? resume : lastCheckpoint(workDir);
    if (path) await runner.resume(path);
    else runner.log(`No checkpoint to resume from in ${workDir}; training from the start`);
  } else if (loadFrom) {
    runner.loadWeights(loadFrom);
  }
  return runner;
}

/** The path written in `<work_dir>/last_checkpoint`, if any. */
export function lastCheckpoint(workDir: string): string | undefined {
  const file = join(workDir, 'last_checkpoint');
  if (!existsSync(file)) return undefined;
  const path = readFileSync(file, 'utf8').trim();
  return path && existsSync(path) ? path : undefined;
}

function buildTrainLoop(runner: Runner, cfg: Config, registries: Registries): TrainLoop {
  const trainConfig = { ...cfg.get<Record<string, unknown>>('train_cfg', {}) };
  const { type: explicitType, by_epoch: byEpoch, ...loopOptions } = trainConfig;
  const type = (explicitType as string | undefined) ?? (byEpoch === false ? 'IterBasedTrainLoop' : 'EpochBasedTrainLoop');
  return registries.loops.build({ type, ...loopOptions }, { runner, dataloader: runner.trainDataLoader }) as TrainLoop;
}

/** The runner's hooks: `default_hooks` (a name to config map; null disables one) and `custom_hooks`. */
function buildHooks(cfg: Config, registries: Registries): Hook[] {
  const defaults: Record<string, BuildConfig | null> = {
    runtime_info: { type: 'RuntimeInfoHook' },
    timer: { type: 'IterTimerHook' },
    logger: { type: 'LoggerHook' },
    param_scheduler: { type: 'ParamSchedulerHook' },
    checkpoint: { type: 'CheckpointHook', interval: 1 },
    sampler_seed: { type: 'DistSamplerSeedHook' },
    ...cfg.get<Record<string, BuildConfig | null>>('default_hooks', {}),
  };
  const configs = [...Object.values(defaults).filter((item): item is BuildConfig => item !== null && item !== undefined), ...cfg.get<BuildConfig[]>('custom_hooks', [])];
  return configs.map((config) => {
    const { priority, ...rest } = config as BuildConfig & { priority?: Hook['priority'] };
    const hook = registries.hooks.build(rest) as Hook;
    if (priority !== undefined) hook.priority = priority;
    return hook;
  });
}


