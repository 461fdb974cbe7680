import { ParamScheduler, type ParamSchedulerOptions, INF } from './param-scheduler';

/** The options of {@link ConstantParamScheduler}. */
export interface ConstantParamSchedulerOptions extends ParamSchedulerOptions {
  /** The factor applied from `begin` until `end` (in [0, 1], default 1/3). */
  factor?: number;
}

/**
 * Multiplies the option by `factor` from `begin` and restores it at the last step before `end`,
 * as MMEngine's `ConstantParamScheduler`.
 */
export class ConstantParamScheduler extends ParamScheduler<{ factor: number; total_iters: number }> {
  static override readonly optionKeys: readonly string[] = ['factor'];

  constructor(options: ConstantParamSchedulerOptions) {
    const factor = options?.factor ?? 1.0 / 3;
    if (!(factor >= 0 && factor <= 1)) throw new RangeError(`ConstantParamScheduler: the constant multiplicative factor should be between 0 and 1, got ${factor}`);
    super(options, { factor, total_iters: (options.end ?? INF) - (options.begin ?? 0) - 1 });
  }

  protected getValue(): number[] {
    const { factor, total_iters: totalIters } = this.settings;
    const current = this.currentValues();
    if (this.lastStep === 0) return current.map((value) => value * factor);
    if (this.lastStep !== totalIters) return current;
    return current.map((value) => value * (1.0 / factor));
  }
}
