import type { Runner } from '../runner/runner';
import { inferRule } from './checkpoint-hook';
import { Hook, type Metrics } from './hook';

/** The options of {@link EarlyStoppingHook}, as MMEngine's. */
export interface EarlyStoppingHookOptions {
  /** The metric to watch (`accuracy/top1`). */
  monitor: string;
  rule?: 'greater' | 'less' | null;
  /** The smallest change that counts as an improvement. */
  min_delta?: number;
  /** Stop when the metric becomes non-finite. */
  check_finite?: boolean;
  /** Evaluations without improvement before stopping. */
  patience?: number;
  /** Stop as soon as the metric reaches this value. */
  stopping_threshold?: number | null;
}

/** MMEngine's `EarlyStoppingHook`: stops training when a validation metric stops improving. */
export class EarlyStoppingHook extends Hook {
  override priority = 'LOWEST' as const;
  readonly monitor: string;
  readonly rule: 'greater' | 'less';
  readonly minDelta: number;
  readonly checkFinite: boolean;
  readonly patience: number;
  readonly stoppingThreshold: number | null;
  #best: number | undefined;
  #wait = 0;

  constructor(options: EarlyStoppingHookOptions) {
    super();
    this.monitor = options.monitor;
    this.rule = options.rule ?? inferRule(options.monitor);
    this.minDelta = Math.abs(options.min_delta ?? 0.1);
    this.checkFinite = options.check_finite ?? true;
    this.patience = options.patience ?? 5;
    this.stoppingThreshold = options.stopping_threshold ?? null;
  }

  override afterValEpoch(runner: Runner, metrics: Metrics): void {
    const value = metrics[this.monitor];
    if (typeof value !== 'number') throw new Error(`EarlyStoppingHook: "${this.monitor}" is not among the metrics (${Object.keys(metrics).join(', ')})`);
    const better = (a: number, b: number) => (this.rule === 'greater' ? a > b : a < b);
    if (this.checkFinite && !Number.isFinite(value)) return this.stop(runner, `${this.monitor} is ${value}`);
    if (this.stoppingThreshold !== null && (this.rule === 'greater' ? value >= this.stoppingThreshold : value <= this.stoppingThreshold)) {
      return this.stop(runner, `${this.monitor} reached the stopping threshold ${this.stoppingThreshold}`);
    }
    const shifted = this.rule === 'greater' ? value - this.minDelta : value + this.minDelta;
    if (this.#best === undefined || better(shifted, this.#best)) {
      this.#best = value;
      this.#wait = 0;
      return;
    }
    this.#wait++;
    if (this.#wait >= this.patience) this.stop(runner, `${this.monitor} did not improve by more than ${this.minDelta} for ${this.patience} evaluations (best ${this.#best})`);
  }

  private stop(runner: Runner, reason: string): void {
    runner.stopTraining = true;
    runner.log(`Early stopping: ${reason}`);
  }
}
