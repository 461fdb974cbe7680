import { describe } from '../optimizers/param-group';
import { INF, ParamScheduler, type ParamSchedulerOptions, type SchedulableOptimizer } from './param-scheduler';

/** The options of {@link OneCycleParamScheduler}. */
export interface OneCycleParamSchedulerOptions extends ParamSchedulerOptions {
  /** The peak value, for all groups or per group. */
  eta_max?: number | number[];
  /** The length of the cycle in steps (default `end - begin`). */
  total_steps?: number | null;
  /** The share of the cycle spent increasing (default 0.3). */
  pct_start?: number;
  /** `'cos'` (default) or `'linear'`. */
  anneal_strategy?: 'cos' | 'linear';
  /** The initial value is `eta_max / div_factor` (default 25). */
  div_factor?: number;
  /** The final value is the initial one divided by this (default 1e4). */
  final_div_factor?: number;
  /** Use three phases (up, down to the initial value, annihilation) instead of two. */
  three_phase?: boolean;
}

interface Phase {
  end_step: number;
  start: string;
  end: string;
}

interface OneCycleSettings {
  eta_max: number | number[];
  div_factor: number;
  final_div_factor: number;
  total_steps: number;
  anneal_strategy: 'cos' | 'linear';
  _schedule_phases: Phase[];
}

/**
 * The 1cycle policy (Smith & Topin), as MMEngine's `OneCycleParamScheduler`: from
 * `eta_max / div_factor` up to `eta_max` over `pct_start` of the cycle, then down to
 * `initial / final_div_factor` (or, with `three_phase`, back to the initial value and then down).
 * Not chainable: the value is computed from the step. Only the learning rate can be scheduled.
 */
export class OneCycleParamScheduler extends ParamScheduler<OneCycleSettings> {
  static override readonly optionKeys: readonly string[] = ['eta_max', 'total_steps', 'pct_start', 'anneal_strategy', 'div_factor', 'final_div_factor', 'three_phase'];

  constructor(options: OneCycleParamSchedulerOptions) {
    const name = 'OneCycleParamScheduler';
    const paramName = options?.param_name;
    if (paramName !== 'lr') throw new RangeError(`${name}: OneCycle only works for learning rate updating, but got param_name ${describe(paramName)}`);
    let totalSteps: number;
    if (options.total_steps !== undefined && options.total_steps !== null) {
      if (!Number.isInteger(options.total_steps) || options.total_steps <= 0) {
        throw new RangeError(`${name}: expected a positive integer total_steps, but got ${describe(options.total_steps)}`);
      }
      totalSteps = options.total_steps;
    } else {
      totalSteps = (options.end ?? INF) - (options.begin ?? 0);
    }
    const pctStart = options.pct_start ?? 0.3;
    if (typeof pctStart !== 'number' || !(pctStart >= 0 && pctStart <= 1)) {
      throw new RangeError(`${name}: expected a number between 0 and 1 for pct_start, but got ${describe(pctStart)}`);
    }
    const strategy = options.anneal_strategy ?? 'cos';
    if (strategy !== 'cos' && strategy !== 'linear') {
      throw new RangeError(`${name}: anneal_strategy must be one of "cos" or "linear", instead got ${describe(strategy)}`);
    }
    const phases: Phase[] = options.three_phase
      ? [
          { end_step: pctStart * totalSteps - 1, start: `initial_${paramName}`, end: `max_${paramName}` },
          { end_step: 2 * pctStart * totalSteps - 2, start: `max_${paramName}`, end: `initial_${paramName}` },
          { end_step: totalSteps - 1, start: `initial_${paramName}`, end: `min_${paramName}` },
        ]
      : [
          { end_step: pctStart * totalSteps - 1, start: `initial_${paramName}`, end: `max_${paramName}` },
          { end_step: totalSteps - 1, start: `max_${paramName}`, end: `min_${paramName}` },
        ];
    const etaMax = options.eta_max ?? 0;
    const divFactor = options.div_factor ?? 25;
    const finalDivFactor = options.final_div_factor ?? 1e4;
    if ((options.last_step ?? -1) === -1) initializeGroups(options.optimizer, paramName, etaMax, divFactor, finalDivFactor);
    super(options, {
      eta_max: Array.isArray(etaMax) ? [...etaMax] : etaMax,
      div_factor: divFactor,
      final_div_factor: finalDivFactor,
      total_steps: totalSteps,
      anneal_strategy: strategy,
      _schedule_phases: phases,
    });
  }

  protected getValue(): number[] {
    const { total_steps: totalSteps, _schedule_phases: phases, anneal_strategy: strategy } = this.settings;
    const stepNumber = this.lastStep;
    if (stepNumber > totalSteps) {
      throw new RangeError(`OneCycleParamScheduler: tried to step ${stepNumber + 1} times; the specified number of total steps is ${totalSteps}`);
    }
    return this.optimizer.paramGroups.map((group) => {
      let startStep = 0;
      for (const [index, phase] of phases.entries()) {
        const endStep = phase.end_step;
        if (stepNumber <= endStep || index === phases.length - 1) {
          const pct = (stepNumber - startStep) / (endStep - startStep);
          return anneal(strategy, group[phase.start] as number, group[phase.end] as number, pct);
        }
        startStep = endStep;
      }
      return group[this.paramName] as number;
    });
  }

  static override toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    const converted = super.toIterBased(options, epochLength);
    if (options.total_steps !== undefined && options.total_steps !== null) converted.total_steps = (options.total_steps as number) * epochLength;
    return converted;
  }
}

function anneal(strategy: 'cos' | 'linear', start: number, end: number, pct: number): number {
  if (strategy === 'linear') return (end - start) * pct + start;
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

function initializeGroups(optimizer: SchedulableOptimizer, paramName: string, etaMax: number | number[], divFactor: number, finalDivFactor: number): void {
  const groups = optimizer?.paramGroups;
  if (!Array.isArray(groups)) return;
  let maxValues: number[];
  if (Array.isArray(etaMax)) {
    if (etaMax.length !== groups.length) {
      throw new RangeError(`OneCycleParamScheduler: expected ${groups.length} values for max_${paramName}, got ${etaMax.length}`);
    }
    maxValues = etaMax;
  } else {
    maxValues = groups.map(() => etaMax);
  }
  groups.forEach((group, index) => {
    const initial = (maxValues[index] as number) / divFactor;
    group[`initial_${paramName}`] = initial;
    group[`max_${paramName}`] = maxValues[index];
    group[`min_${paramName}`] = initial / finalDivFactor;
  });
}
