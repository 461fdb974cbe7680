import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Runner } from '../runner/runner';
import { Hook, type Metrics, type TrainOutputs } from './hook';

/** The options of {@link LoggerHook}, as MMEngine's. */
export interface LoggerHookOptions {
  /** Log every `interval` iterations. */
  interval?: number;
  /** Skip the last iterations of an epoch when they are fewer than `interval`. */
  ignore_last?: boolean;
}

/**
 * MMEngine's `LoggerHook`: every `interval` iterations a line with the epoch, the iteration, the
 * learning rate, the ETA, timings and the losses averaged over the interval; validation metrics
 * after each evaluation. Lines go to the terminal and the text log; every logged scalar also goes,
 * as one JSON line, to `vis_data/scalars.json` in the run's log folder. On a terminal a progress
 * bar with an ETA runs under the lines.
 */
export class LoggerHook extends Hook {
  override priority = 'BELOW_NORMAL' as const;
  readonly interval: number;
  readonly ignoreLast: boolean;

  constructor(options: LoggerHookOptions = {}) {
    super();
    this.interval = options.interval ?? 10;
    this.ignoreLast = options.ignore_last ?? true;
    if (!Number.isInteger(this.interval) || this.interval < 1) throw new RangeError(`LoggerHook: interval must be a positive integer, got ${this.interval}`);
  }

  override beforeTrainEpoch(runner: Runner): void {
    runner.progress.start(`Epoch ${runner.epoch + 1}/${runner.trainLoop?.maxEpochs ?? '?'}`, runner.trainDataLoader?.length ?? 0);
  }

  override afterTrainIter(runner: Runner, batchIndex: number, outputs: TrainOutputs | undefined): void {
    for (const [name, value] of Object.entries(outputs ?? {})) runner.messageHub.updateScalar(`train/${name}`, value);
    const lr = runner.optimWrapper?.getLr().lr[0];
    if (lr !== undefined) runner.messageHub.updateScalar('train/lr', lr);
    const length = runner.trainDataLoader?.length ?? 0;
    runner.progress.update(batchIndex + 1, outputs?.loss !== undefined ? `loss ${outputs.loss.toFixed(4)}` : '');
    const atInterval = (batchIndex + 1) % this.interval === 0;
    const lastOfEpoch = batchIndex + 1 === length;
    // As MMEngine: the last iterations of an epoch are logged unless ignore_last, and always when the whole epoch is shorter than the interval.
    if (!atInterval && !(lastOfEpoch && (!this.ignoreLast || length <= this.interval))) return;
    const window = atInterval ? this.interval : (batchIndex + 1) % this.interval;
    const scalars = this.windowed(runner, 'train', window);
    const maxIters = runner.trainLoop?.maxIters ?? 0;
    const time = scalars.time ?? 0;
    const eta = Math.max(0, maxIters - runner.iter - 1) * time;
    const parts = [`Epoch(train) [${runner.epoch + 1}][${String(batchIndex + 1).padStart(String(length).length)}/${length}]`];
    if (lr !== undefined) parts.push(`lr: ${pythonExponential(lr)}`);
    parts.push(`eta: ${formatDuration(eta)}`);
    for (const [name, value] of Object.entries(scalars)) parts.push(`${name}: ${value.toFixed(4)}`);
    runner.log(parts.join('  '));
    this.writeScalars(runner, { ...(lr === undefined ? {} : { lr }), ...scalars, epoch: runner.epoch + 1, iter: runner.iter + 1, step: runner.iter + 1 });
  }

  override afterTrainEpoch(runner: Runner): void {
    runner.progress.stop();
  }

  override afterValEpoch(runner: Runner, metrics: Metrics): void {
    this.logMetrics(runner, 'val', metrics);
  }

  override afterTestEpoch(runner: Runner, metrics: Metrics): void {
    this.logMetrics(runner, 'test', metrics);
  }

  private logMetrics(runner: Runner, mode: 'val' | 'test', metrics: Metrics): void {
    const parts = [mode === 'val' ? `Epoch(val) [${runner.epoch}][${runner.valDataLoader?.length ?? 0}/${runner.valDataLoader?.length ?? 0}]` : `Epoch(test) [${runner.testDataLoader?.length ?? 0}/${runner.testDataLoader?.length ?? 0}]`];
    const flat: Record<string, number> = {};
    for (const [name, value] of Object.entries(metrics)) {
      if (typeof value === 'number') {
        flat[name] = value;
        runner.messageHub.updateScalar(`${mode}/${name}`, value);
        parts.push(`${name}: ${value.toFixed(4)}`);
      } else {
        parts.push(`${name}: [${value.map((item) => item.toFixed(4)).join(', ')}]`);
      }
    }
    runner.log(parts.join('  '));
    if (mode === 'val') this.writeScalars(runner, { ...flat, step: runner.epoch });
  }

  /** Means over the last `window` iterations of this mode's scalars (time, losses...). */
  private windowed(runner: Runner, mode: string, window: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, buffer] of runner.messageHub.scalars) {
      if (!key.startsWith(`${mode}/`) || key === `${mode}/lr`) continue;
      out[key.slice(mode.length + 1)] = buffer.mean(window);
    }
    return out;
  }

  private writeScalars(runner: Runner, record: Record<string, number>): void {
    const file = runner.scalarsFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(record)}\n`);
  }
}

/** `h:mm:ss`, as MMEngine prints ETAs. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/** A number in Python's `'{:.4e}'` format (`1.0000e-01`), as MMEngine prints learning rates. */
export function pythonExponential(value: number): string {
  return value.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}
