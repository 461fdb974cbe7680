import type { DataLoader } from '@mmpt/datasets';
import type { Runner } from '../runner/runner';
import { trainStep } from './train-step';

/** The options of the epoch-based training loop (`train_cfg`, plus the runner and the loader), as MMEngine's. */
export interface EpochBasedTrainLoopOptions {
  runner: Runner;
  dataloader: DataLoader;
  max_epochs: number;
  val_begin?: number;
  val_interval?: number;
}

/** The options of the iteration-based training loop (`train_cfg` with `by_epoch: false`). */
export interface IterBasedTrainLoopOptions {
  runner: Runner;
  dataloader: DataLoader;
  max_iters: number;
  val_begin?: number;
  val_interval?: number;
}

/** A training loop: runs the training and, at its intervals, validation. */
export interface TrainLoop {
  readonly maxEpochs: number;
  readonly maxIters: number;
  run(): Promise<void>;
}

/**
 * MMEngine's `EpochBasedTrainLoop`: `max_epochs` passes over the training data, validating after
 * epoch `e` (1-based) when `e >= val_begin` and `e % val_interval == 0`.
 */
export class EpochBasedTrainLoop implements TrainLoop {
  readonly maxEpochs: number;
  readonly valBegin: number;
  readonly valInterval: number;
  private readonly runner: Runner;
  private readonly dataloader: DataLoader;

  constructor(options: EpochBasedTrainLoopOptions) {
    this.runner = options.runner;
    this.dataloader = options.dataloader;
    if (!Number.isInteger(options.max_epochs) || options.max_epochs < 1) throw new RangeError(`train_cfg.max_epochs must be a positive integer, got ${options.max_epochs}`);
    this.maxEpochs = options.max_epochs;
    this.valBegin = options.val_begin ?? 1;
    this.valInterval = options.val_interval ?? 1;
  }

  get maxIters(): number {
    return this.maxEpochs * this.dataloader.length;
  }

  async run(): Promise<void> {
    const runner = this.runner;
    await runner.callHook('beforeTrain');
    while (runner.epoch < this.maxEpochs && !runner.stopTraining) {
      await this.runEpoch();
      const epoch = runner.epoch;
      if (runner.valLoop && epoch >= this.valBegin && epoch % this.valInterval === 0) await runner.valLoop.run();
    }
    await runner.callHook('afterTrain');
  }

  private async runEpoch(): Promise<void> {
    const runner = this.runner;
    await runner.callHook('beforeTrainEpoch');
    runner.model.train();
    let index = 0;
    for await (const batch of this.dataloader) {
      await runner.callHook('beforeTrainIter', index);
      const outputs = await trainStep(runner.model, runner.requireOptimWrapper(), batch);
      await runner.callHook('afterTrainIter', index, outputs);
      runner.iter++;
      index++;
    }
    await runner.callHook('afterTrainEpoch');
    runner.epoch++;
  }
}

/**
 * MMEngine's `IterBasedTrainLoop`: `max_iters` iterations, cycling through the training data,
 * validating every `val_interval` iterations from `val_begin`.
 */
export class IterBasedTrainLoop implements TrainLoop {
  readonly maxIters: number;
  readonly valBegin: number;
  readonly valInterval: number;
  private readonly runner: Runner;
  private readonly dataloader: DataLoader;

  constructor(options: IterBasedTrainLoopOptions) {
    this.runner = options.runner;
    this.dataloader = options.dataloader;
    if (!Number.isInteger(options.max_iters) || options.max_iters < 1) throw new RangeError(`train_cfg.max_iters must be a positive integer, got ${options.max_iters}`);
    this.maxIters = options.max_iters;
    this.valBegin = options.val_begin ?? 1;
    this.valInterval = options.val_interval ?? 1000;
  }

  get maxEpochs(): number {
    return Math.ceil(this.maxIters / Math.max(1, this.dataloader.length));
  }

  async run(): Promise<void> {
    const runner = this.runner;
    await runner.callHook('beforeTrain');
    await runner.callHook('beforeTrainEpoch');
    runner.model.train();
    while (runner.iter < this.maxIters && !runner.stopTraining) {
      this.dataloader.setEpoch(runner.epoch);
      let index = 0;
      for await (const batch of this.dataloader) {
        await runner.callHook('beforeTrainIter', index);
        const outputs = await trainStep(runner.model, runner.requireOptimWrapper(), batch);
        await runner.callHook('afterTrainIter', index, outputs);
        runner.iter++;
        index++;
        if (runner.valLoop && runner.iter >= this.valBegin && runner.iter % this.valInterval === 0) {
          await runner.valLoop.run();
          runner.model.train();
        }
        if (runner.iter >= this.maxIters || runner.stopTraining) break;
      }
      runner.epoch++;
    }
    await runner.callHook('afterTrainEpoch');
    await runner.callHook('afterTrain');
  }
}
