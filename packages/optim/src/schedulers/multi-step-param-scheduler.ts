import { describe } from '../optimizers/param-group';
import { ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link MultiStepParamScheduler}. */
export interface MultiStepParamSchedulerOptions extends ParamSchedulerOptions {
  /** The steps at which the option decays (a repeated milestone decays by `gamma` per repetition). */
  milestones: number[];
  /** The decay factor (default 0.1). */
  gamma?: number;
}

/**
 * Multiplies the option by `gamma` at each milestone, as MMEngine's `MultiStepParamScheduler`
 * (milestones are counted: one listed twice decays by `gamma²`). The state dict holds the
 * milestones as MMEngine's `Counter`: `{ step: count }`.
 */
export class MultiStepParamScheduler extends ParamScheduler<{ milestones: Record<string, number>; gamma: number }> {
  static override readonly optionKeys: readonly string[] = ['milestones', 'gamma'];

  constructor(options: MultiStepParamSchedulerOptions) {
    const milestones = options?.milestones;
    if (!Array.isArray(milestones) || !milestones.every((value) => Number.isInteger(value))) {
      throw new TypeError(`MultiStepParamScheduler: milestones must be a list of integers, got ${describe(milestones)}`);
    }
    const counter: Record<string, number> = {};
    for (const milestone of milestones) counter[milestone] = (counter[milestone] ?? 0) + 1;
    super(options, { milestones: counter, gamma: options.gamma ?? 0.1 });
  }

  protected getValue(): number[] {
    const count = this.settings.milestones[this.lastStep];
    const current = this.currentValues();
    if (count === undefined) return current;
    return current.map((value) => value * this.settings.gamma ** count);
  }

  static override toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    return { ...super.toIterBased(options, epochLength), milestones: (options.milestones as number[]).map((milestone) => milestone * epochLength) };
  }
}
