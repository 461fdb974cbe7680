import { describe } from '../optimizers/param-group';
import { ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link StepParamScheduler}. */
export interface StepParamSchedulerOptions extends ParamSchedulerOptions {
  /** The period of the decay, in steps. */
  step_size: number;
  /** The decay factor (default 0.1). */
  gamma?: number;
}

/** Multiplies the option by `gamma` every `step_size` steps, as MMEngine's `StepParamScheduler`. */
export class StepParamScheduler extends ParamScheduler<{ step_size: number; gamma: number }> {
  static override readonly optionKeys: readonly string[] = ['step_size', 'gamma'];

  constructor(options: StepParamSchedulerOptions) {
    if (!Number.isInteger(options?.step_size) || options.step_size <= 0) {
      throw new RangeError(`StepParamScheduler: step_size must be a positive integer, got ${describe(options?.step_size)}`);
    }
    super(options, { step_size: options.step_size, gamma: options.gamma ?? 0.1 });
  }

  protected getValue(): number[] {
    const { step_size: stepSize, gamma } = this.settings;
    const current = this.currentValues();
    if (this.lastStep === 0 || this.lastStep % stepSize !== 0) return current;
    return current.map((value) => value * gamma);
  }

  static override toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    return { ...super.toIterBased(options, epochLength), step_size: (options.step_size as number) * epochLength };
  }
}
