import { INF, ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link LinearParamScheduler}. */
export interface LinearParamSchedulerOptions extends ParamSchedulerOptions {
  /** The factor at `begin` (in [0, 1], default 1/3). */
  start_factor?: number;
  /** The factor reached at `end - 1` (in [0, 1], default 1). */
  end_factor?: number;
}

/**
 * Scales the option by a factor that changes linearly from `start_factor` to `end_factor` between
 * `begin` and `end - 1`, as MMEngine's `LinearParamScheduler` (the usual warm-up).
 */
export class LinearParamScheduler extends ParamScheduler<{ start_factor: number; end_factor: number; total_iters: number }> {
  static override readonly optionKeys: readonly string[] = ['start_factor', 'end_factor'];

  constructor(options: LinearParamSchedulerOptions) {
    const startFactor = options?.start_factor ?? 1.0 / 3;
    const endFactor = options?.end_factor ?? 1.0;
    if (!(startFactor >= 0 && startFactor <= 1)) throw new RangeError(`LinearParamScheduler: the starting multiplicative factor should be between 0 and 1, got ${startFactor}`);
    if (!(endFactor >= 0 && endFactor <= 1)) throw new RangeError(`LinearParamScheduler: the ending multiplicative factor should be between 0 and 1, got ${endFactor}`);
    super(options, { start_factor: startFactor, end_factor: endFactor, total_iters: (options.end ?? INF) - (options.begin ?? 0) - 1 });
  }

  protected getValue(): number[] {
    const { start_factor: start, end_factor: end, total_iters: totalIters } = this.settings;
    const current = this.currentValues();
    if (this.lastStep === 0) return current.map((value) => value * start);
    return current.map((value) => value * (1 + (end - start) / (totalIters * start + (this.lastStep - 1) * (end - start))));
  }
}
