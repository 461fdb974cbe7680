import { describe } from '../optimizers/param-group';
import { ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link ExponentialParamScheduler}. */
export interface ExponentialParamSchedulerOptions extends ParamSchedulerOptions {
  /** The factor applied at every step after the first. */
  gamma: number;
}

/** Multiplies the option by `gamma` at every step, as MMEngine's `ExponentialParamScheduler`. */
export class ExponentialParamScheduler extends ParamScheduler<{ gamma: number }> {
  static override readonly optionKeys: readonly string[] = ['gamma'];

  constructor(options: ExponentialParamSchedulerOptions) {
    if (typeof options?.gamma !== 'number') throw new TypeError(`ExponentialParamScheduler: gamma must be a number, got ${describe(options?.gamma)}`);
    super(options, { gamma: options.gamma });
  }

  protected getValue(): number[] {
    const current = this.currentValues();
    if (this.lastStep === 0) return current;
    return current.map((value) => value * this.settings.gamma);
  }
}
