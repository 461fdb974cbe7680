import { describe } from '../optimizers/param-group';
import { checkEtaMin, etaMinOf } from './eta-min';
import { ParamScheduler, type ParamSchedulerOptions } from './param-scheduler';

/** The options of {@link CosineRestartParamScheduler}. */
export interface CosineRestartParamSchedulerOptions extends ParamSchedulerOptions {
  /** The length of each cosine cycle, in steps. */
  periods: number[];
  /** The peak of each cycle, as a factor of the initial value (default [1]). */
  restart_weights?: number[];
  /** The minimum (give this or `eta_min_ratio`). */
  eta_min?: number | null;
  /** The minimum as a ratio of each group's initial value. */
  eta_min_ratio?: number | null;
}

/**
 * Cosine annealing with restarts, as MMEngine's `CosineRestartParamScheduler`: each period anneals
 * from `initial · restart_weight` to `eta_min`; after the last period the option is left as is.
 */
export class CosineRestartParamScheduler extends ParamScheduler<{
  periods: number[];
  eta_min: number | null;
  eta_min_ratio: number | null;
  restart_weights: number[];
  cumulative_periods: number[];
}> {
  static override readonly optionKeys: readonly string[] = ['periods', 'restart_weights', 'eta_min', 'eta_min_ratio'];

  constructor(options: CosineRestartParamSchedulerOptions) {
    const name = 'CosineRestartParamScheduler';
    const etaMin = options?.eta_min ?? null;
    const etaMinRatio = options?.eta_min_ratio ?? null;
    checkEtaMin(name, etaMin, etaMinRatio);
    const periods = options.periods;
    if (!Array.isArray(periods) || periods.length === 0 || !periods.every((period) => Number.isInteger(period) && period > 0)) {
      throw new TypeError(`${name}: periods must be a non-empty list of positive integers, got ${describe(periods)}`);
    }
    const weights = options.restart_weights ?? [1];
    if (!Array.isArray(weights) || weights.length !== periods.length) {
      throw new RangeError(`${name}: periods and restart_weights should have the same length, got ${periods.length} and ${describe(weights)}`);
    }
    const cumulative: number[] = [];
    periods.reduce((total, period) => {
      cumulative.push(total + period);
      return total + period;
    }, 0);
    super(options, { periods: [...periods], eta_min: etaMin, eta_min_ratio: etaMinRatio, restart_weights: [...weights], cumulative_periods: cumulative });
  }

  protected getValue(): number[] {
    const { periods, eta_min: etaMin, eta_min_ratio: etaMinRatio, restart_weights: weights, cumulative_periods: cumulative } = this.settings;
    const index = cumulative.findIndex((period) => this.lastStep < period);
    const current = this.currentValues();
    if (index === -1) return current;
    const weight = weights[index] as number;
    const nearestRestart = index === 0 ? 0 : (cumulative[index - 1] as number);
    const period = periods[index] as number;
    const step = this.lastStep - nearestRestart;
    return current.map((value, group) => {
      const base = this.baseValues[group] as number;
      const etaMax = base * weight;
      const minimum = etaMinOf(base, etaMin, etaMinRatio);
      if (step === 0) return etaMax;
      return ((1 + Math.cos((Math.PI * step) / period)) / (1 + Math.cos((Math.PI * (step - 1)) / period))) * (value - minimum) + minimum;
    });
  }

  static override toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    return { ...super.toIterBased(options, epochLength), periods: (options.periods as number[]).map((period) => period * epochLength) };
  }
}
