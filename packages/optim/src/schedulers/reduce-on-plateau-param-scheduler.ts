import { describe } from '../optimizers/param-group';
import type { ParamGroup } from '../optimizers/param-group';
import { INF, ParamScheduler, type ParamSchedulerOptions, type ParamSchedulerStateDict, type SchedulableOptimizer } from './param-scheduler';

/** The options of {@link ReduceOnPlateauParamScheduler}, with MMEngine's names and defaults. */
export interface ReduceOnPlateauParamSchedulerOptions extends ParamSchedulerOptions {
  /** The metric to watch (default `'loss'`). */
  monitor?: string;
  /** `'less'` (default: reduce when the metric stops decreasing) or `'greater'`. */
  rule?: 'less' | 'greater';
  /** The reduction factor, < 1 (default 0.1). */
  factor?: number;
  /** The number of bad evaluations tolerated before a reduction (default 10). */
  patience?: number;
  /** How much better a value must be to count (default 1e-4). */
  threshold?: number;
  /** `'rel'` (default: relative to the best) or `'abs'`. */
  threshold_rule?: 'rel' | 'abs';
  /** Evaluations to wait after a reduction (default 0). */
  cooldown?: number;
  /** The lower bound, for all groups or per group (default 0). */
  min_value?: number | number[];
  /** Reductions smaller than this are ignored (default 1e-8). */
  eps?: number;
}

interface PlateauSettings {
  factor: number;
  min_values: number[];
  patience: number;
  cooldown: number;
  cooldown_counter: number;
  rule_worse: number;
  best: number;
  num_bad_epochs: number;
  eps: number;
  monitor: string;
  rule: 'less' | 'greater';
  threshold: number;
  threshold_rule: 'rel' | 'abs';
}

/**
 * Reduces the option by `factor` when the monitored metric stops improving for more than
 * `patience` evaluations, as MMEngine's `ReduceOnPlateauParamScheduler` (PyTorch's
 * `ReduceLROnPlateau` with `rule`/`threshold_rule` for `mode`/`threshold_mode`). It is epoch-based
 * only: `step()` without metrics (after each training epoch) counts the epoch; `step(metrics)`
 * (after validation) compares `metrics[monitor]` with the best value so far.
 *
 * @example
 * param_scheduler: { type: 'ReduceOnPlateauLR', monitor: 'accuracy/top1', rule: 'greater', patience: 2 }
 */
export class ReduceOnPlateauParamScheduler extends ParamScheduler<PlateauSettings> {
  static override readonly optionKeys: readonly string[] = ['monitor', 'rule', 'factor', 'patience', 'threshold', 'threshold_rule', 'cooldown', 'min_value', 'eps'];

  constructor(options: ReduceOnPlateauParamSchedulerOptions) {
    const name = 'ReduceOnPlateauParamScheduler';
    if (options?.by_epoch === false) throw new RangeError(`${name}: only by_epoch: true is supported`);
    const factor = options?.factor ?? 0.1;
    if (!(factor < 1.0)) throw new RangeError(`${name}: factor should be < 1.0, got ${describe(factor)}`);
    const threshold = options.threshold ?? 1e-4;
    const rule = options.rule ?? 'less';
    const thresholdRule = options.threshold_rule ?? 'rel';
    if (!(threshold >= 0)) throw new RangeError(`${name}: threshold ${describe(threshold)} should be >= 0`);
    if (rule !== 'less' && rule !== 'greater') throw new RangeError(`${name}: rule ${describe(rule)} is unknown (expected "less" or "greater")`);
    if (thresholdRule !== 'rel' && thresholdRule !== 'abs') throw new RangeError(`${name}: threshold_rule ${describe(thresholdRule)} is unknown (expected "rel" or "abs")`);
    const minValues = minValuesOf(name, options.optimizer, options.min_value ?? 0);
    const ruleWorse = rule === 'less' ? INF : -INF;
    super(
      options,
      {
        factor,
        min_values: minValues,
        patience: options.patience ?? 10,
        cooldown: options.cooldown ?? 0,
        cooldown_counter: 0,
        rule_worse: ruleWorse,
        best: ruleWorse,
        num_bad_epochs: 0,
        eps: options.eps ?? 1e-8,
        monitor: options.monitor ?? 'loss',
        rule,
        threshold,
        threshold_rule: thresholdRule,
      },
      false,
    );
    this.globalStep = 0;
  }

  override get needValArgs(): boolean {
    return true;
  }

  /**
   * Without metrics, counts a training epoch. With the validation metrics, judges
   * `metrics[monitor]` and reduces the option after more than `patience` bad evaluations.
   */
  override step(metrics?: Record<string, number>): void {
    const name = this.constructor.name;
    if (metrics === undefined || metrics === null) {
      this.globalStep += 1;
      return;
    }
    if (typeof metrics !== 'object') throw new TypeError(`${name}.step: metrics must be an object, got ${describe(metrics)}`);
    if (this.begin <= this.globalStep && this.globalStep < this.end) {
      this.lastStep += 1;
      const metric = metrics[this.settings.monitor];
      if (metric === undefined || metric === null) {
        throw new RangeError(`${name}.step: expected the key "${this.settings.monitor}" in the metrics, got keys ${JSON.stringify(Object.keys(metrics))}`);
      }
      const settings = this.settings;
      if (this.isBetter(metric, settings.best)) {
        settings.best = metric;
        settings.num_bad_epochs = 0;
      } else {
        settings.num_bad_epochs += 1;
      }
      if (settings.cooldown_counter > 0) {
        settings.cooldown_counter -= 1;
        settings.num_bad_epochs = 0;
      }
      if (settings.num_bad_epochs > settings.patience) {
        const values = this.getValue();
        this.optimizer.paramGroups.forEach((group: ParamGroup, index) => {
          if (index >= values.length) return;
          const value = values[index] as number;
          if ((group[this.paramName] as number) - value > settings.eps) {
            group[this.paramName] = value;
            if (this.verbose) console.log(`Adjusting parameter value of group ${index} to ${value.toExponential(4)} in ${this.byEpoch ? 'epoch' : 'iter'} ${this.lastStep}.`);
          }
        });
        settings.cooldown_counter = settings.cooldown;
        settings.num_bad_epochs = 0;
      }
    }
    this.lastValue = this.currentValues();
  }

  protected getValue(): number[] {
    return this.currentValues().map((value, index) => Math.max(value * this.settings.factor, this.settings.min_values[index] as number));
  }

  /** The state dict: as other schedulers' but without base values (MMEngine keeps none here). */
  override stateDict(): ParamSchedulerStateDict {
    const { base_values: _unused, ...rest } = super.stateDict();
    return rest;
  }

  private isBetter(value: number, best: number): boolean {
    const { rule, threshold_rule: thresholdRule, threshold } = this.settings;
    if (rule === 'less' && thresholdRule === 'rel') return value < best * (1 - threshold);
    if (rule === 'less') return value < best - threshold;
    if (thresholdRule === 'rel') return value > best * (threshold + 1);
    return value > best + threshold;
  }

  static override toIterBased(): Record<string, unknown> {
    throw new RangeError('ReduceOnPlateauParamScheduler: only by_epoch: true is supported, so it cannot be converted to iter-based');
  }
}

function minValuesOf(owner: string, optimizer: SchedulableOptimizer, minValue: number | number[]): number[] {
  const groups = optimizer?.paramGroups;
  if (!Array.isArray(groups)) throw new TypeError(`${owner}: optimizer must be an Optimizer or an OptimWrapper, got ${describe(optimizer)}`);
  const wrapped = optimizer as SchedulableOptimizer & { optimizer?: SchedulableOptimizer; baseParamSettings?: ParamGroup | null };
  const rawGroups = wrapped.optimizer?.paramGroups ?? groups;
  if (Array.isArray(minValue)) {
    if (minValue.length !== rawGroups.length) throw new RangeError(`${owner}: expected ${rawGroups.length} min_value entries, got ${minValue.length}`);
    const values = [...minValue];
    if (wrapped.baseParamSettings) values.push(values[values.length - 1] as number);
    return values;
  }
  return groups.map(() => minValue);
}
