import { join } from 'node:path';
import type { Config } from '@mmpt/config';
import type { DataLoader } from '@mmpt/datasets';
import type { OptimWrapper, ParamScheduler } from '@mmpt/optim';
import type { Registries } from '@mmpt/registry';
import { type Backend, defaultGenerator } from '@mmpt/tensor';
import { loadWeights, readCheckpointState } from '../checkpoint/load-checkpoint';
import { type CheckpointState, saveCheckpoint } from '../checkpoint/save-checkpoint';
import { CheckpointHook } from '../hooks/checkpoint-hook';
import { type Hook, type HookPoint, type Metrics, priorityValue } from '../hooks/hook';
import type { EvaluationLoop } from '../loops/eval-loops';
import type { TrainLoop } from '../loops/train-loops';
import { RunLogger } from '../logging/logger';
import { MessageHub } from '../logging/message-hub';
import { Progress } from '../logging/progress';
import type { RunnableModel } from './runnable-model';

/** The parts a runner runs, built by `buildRunner` from a config (or assembled by hand). */
export interface RunnerParts {
  model: RunnableModel;
  backend: Backend;
  workDir: string;
  registries: Registries;
  config?: Config;
  seed: number;
  logger?: RunLogger;
  /** The folder of this run's logs (`<work_dir>/<timestamp>`). */
  logDir?: string;
  progress?: Progress;
}

/**
 * MMEngine's `Runner`: holds the model, the data loaders, the optimizer wrapper, the schedulers,
 * the loops and the hooks of a run, and drives training (`train()`), validation (`val()`) and
 * testing (`test()`), with checkpoints, resuming and logs. Build one from a config with
 * `buildRunner`.
 *
 * @example
 * const runner = await buildRunner(cfg, { registries, device: 'auto' });
 * await runner.train();
 * await runner.dispose();
 */
export class Runner {
  readonly model: RunnableModel;
  readonly backend: Backend;
  readonly workDir: string;
  readonly registries: Registries;
  readonly config: Config | undefined;
  readonly seed: number;
  readonly logger: RunLogger;
  readonly logDir: string;
  readonly messageHub = new MessageHub();
  readonly progress: Progress;
  optimWrapper: OptimWrapper | undefined;
  paramSchedulers: Array<ParamScheduler<object>> = [];
  trainDataLoader: DataLoader | undefined;
  valDataLoader: DataLoader | undefined;
  testDataLoader: DataLoader | undefined;
  trainLoop: TrainLoop | undefined;
  valLoop: EvaluationLoop | undefined;
  testLoop: EvaluationLoop | undefined;
  /** Completed epochs. */
  epoch = 0;
  /** Completed training iterations. */
  iter = 0;
  /** Set by a hook (EarlyStoppingHook) to end training after the current epoch or iteration. */
  stopTraining = false;
  #hooks: Hook[] = [];

  constructor(parts: RunnerParts) {
    this.model = parts.model;
    this.backend = parts.backend;
    this.workDir = parts.workDir;
    this.registries = parts.registries;
    this.config = parts.config;
    this.seed = parts.seed;
    this.logDir = parts.logDir ?? join(parts.workDir, timestamp());
    this.progress = parts.progress ?? new Progress();
    this.logger = parts.logger ?? new RunLogger(join(this.logDir, `${this.logDir.split(/[/\\]/).pop()}.log`), false, (line) => this.progress.print(line));
  }

  /** The JSON-lines file of logged scalars. */
  get scalarsFile(): string {
    return join(this.logDir, 'vis_data', 'scalars.json');
  }

  /** The hooks, in the order they run. */
  get hooks(): readonly Hook[] {
    return this.#hooks;
  }

  /** Adds a hook, keeping the hooks sorted by priority (stable for equal priorities). */
  registerHook(hook: Hook): void {
    this.#hooks.push(hook);
    this.#hooks.sort((a, b) => priorityValue(a.priority) - priorityValue(b.priority));
  }

  /** Calls a hook point on every hook in priority order. */
  async callHook(point: HookPoint, ...args: unknown[]): Promise<void> {
    for (const hook of this.#hooks) {
      await (hook[point] as (runner: Runner, ...rest: unknown[]) => unknown).call(hook, this, ...args);
    }
  }

  /** Logs a line to the text log and the terminal (above the progress bar when one runs). */
  log(line: string): void {
    this.logger.info(line);
  }

  /** The optimizer wrapper; an error when the run has none (testing only). */
  requireOptimWrapper(): OptimWrapper {
    if (!this.optimWrapper) throw new Error('This run has no optim_wrapper, so it cannot train');
    return this.optimWrapper;
  }

  /** Trains with the training loop (validating at its intervals) and returns the model. */
  async train(): Promise<RunnableModel> {
    if (!this.trainLoop) throw new Error('This run has no train_dataloader and train_cfg, so it cannot train');
    await this.callHook('beforeRun');
    await this.trainLoop.run();
    await this.callHook('afterRun');
    return this.model;
  }

  /** Evaluates on the validation data. */
  async val(): Promise<Metrics> {
    if (!this.valLoop) throw new Error('This run has no val_dataloader, val_cfg and val_evaluator, so it cannot validate');
    await this.callHook('beforeRun');
    const metrics = await this.valLoop.run();
    await this.callHook('afterRun');
    return metrics;
  }

  /** Evaluates on the test data. */
  async test(): Promise<Metrics> {
    if (!this.testLoop) throw new Error('This run has no test_dataloader, test_cfg and test_evaluator, so it cannot test');
    await this.callHook('beforeRun');
    const metrics = await this.testLoop.run();
    await this.callHook('afterRun');
    return metrics;
  }

  /**
   * Saves the model (and, unless told otherwise, the optimizer and scheduler states, the loop
   * position, the random state and the message hub) to `path`. Returns the weights path.
   */
  async saveCheckpoint(path: string, options: { saveOptimizer?: boolean; saveParamScheduler?: boolean; meta?: Record<string, unknown> } = {}): Promise<string> {
    const meta: Record<string, unknown> = {
      epoch: this.epoch,
      iter: this.iter,
      seed: this.seed,
      time: new Date().toISOString(),
      generator: defaultGenerator.getState(),
      ...options.meta,
    };
    if (this.config) meta.config = this.config.prettyText;
    await this.callHook('beforeSaveCheckpoint', meta);
    const state: CheckpointState = { meta };
    if ((options.saveOptimizer ?? true) && this.optimWrapper) state.optimizer = this.optimWrapper.stateDict();
    if ((options.saveParamScheduler ?? true) && this.paramSchedulers.length > 0) state.paramSchedulers = this.paramSchedulers.map((scheduler) => scheduler.stateDict());
    const checkpointHook = this.#hooks.find((hook): hook is CheckpointHook => hook instanceof CheckpointHook);
    if (checkpointHook) state.bestScores = checkpointHook.stateDict();
    return saveCheckpoint(this.model, path, state);
  }

  /** Loads model weights (`load_from`), reporting missing and unexpected keys. */
  loadWeights(path: string, strict = false): void {
    const report = loadWeights(this.model, path, this.backend, { strict });
    const notes = [report.missingKeys.length > 0 ? `missing keys: ${report.missingKeys.join(', ')}` : '', report.unexpectedKeys.length > 0 ? `unexpected keys: ${report.unexpectedKeys.join(', ')}` : ''].filter(Boolean);
    this.log(`Loaded weights from ${path}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
  }

  /** Resumes a run: weights, optimizer, schedulers, loop position, random state and best scores. */
  async resume(path: string): Promise<void> {
    loadWeights(this.model, path, this.backend, { strict: true });
    const state = readCheckpointState(path, this.backend);
    const meta = state.meta ?? {};
    this.epoch = Number(meta.epoch ?? 0);
    this.iter = Number(meta.iter ?? 0);
    if (Array.isArray(meta.generator)) defaultGenerator.setState(meta.generator as number[]);
    if (state.optimizer && this.optimWrapper) this.optimWrapper.loadStateDict(state.optimizer as Parameters<OptimWrapper['loadStateDict']>[0]);
    if (state.paramSchedulers) {
      if (state.paramSchedulers.length !== this.paramSchedulers.length) {
        throw new Error(`Cannot resume from ${path}: it has ${state.paramSchedulers.length} parameter schedulers, the config has ${this.paramSchedulers.length}`);
      }
      state.paramSchedulers.forEach((dict, index) => this.paramSchedulers[index]?.loadStateDict(dict as Parameters<ParamScheduler<object>['loadStateDict']>[0]));
    }
    const checkpointHook = this.#hooks.find((hook): hook is CheckpointHook => hook instanceof CheckpointHook);
    checkpointHook?.loadStateDict(state.bestScores as Record<string, { score: number; path: string }> | undefined);
    await this.callHook('afterLoadCheckpoint', meta);
    this.log(`Resumed from ${path} at epoch ${this.epoch}, iteration ${this.iter}`);
  }

  /** Stops data loader threads and releases the backend. */
  async dispose(): Promise<void> {
    this.progress.stop();
    for (const loader of [this.trainDataLoader, this.valDataLoader, this.testDataLoader]) await loader?.dispose();
    this.optimWrapper?.dispose();
    this.model.dispose();
    this.backend.dispose();
  }
}

/** `YYYYMMDD_HHMMSS`, MMEngine's run folder name. */
export function timestamp(date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
