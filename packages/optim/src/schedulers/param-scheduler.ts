import type { ParamGroup } from '../optimizers/param-group';
import { describe } from '../optimizers/param-group';

const COMMON_OPTIONS = ['optimizer', 'param_name', 'begin', 'end', 'last_step', 'by_epoch', 'verbose'];

/** MMEngine's "infinity" for `end`: `int(1e9)`. */
export const INF = 1e9;

/**
 * What a scheduler drives: an optimizer or an optimizer wrapper (anything with `paramGroups` and
 * `defaults`). A wrapper's groups may include `base_param_settings`.
 */
export interface SchedulableOptimizer {
  readonly paramGroups: ParamGroup[];
  readonly defaults: Record<string, unknown>;
}

/** The options every parameter scheduler takes, with MMEngine's names and defaults. */
export interface ParamSchedulerOptions {
  /** The optimizer or optimizer wrapper whose groups are scheduled. */
  optimizer: SchedulableOptimizer;
  /** The group option that is scheduled (`'lr'`, `'momentum'`, `'weight_decay'`, ...). */
  param_name: string;
  /** The first step (epoch or iteration) at which the scheduler acts (default 0). */
  begin?: number;
  /** The step at which it stops acting (default `INF`, 1e9). */
  end?: number;
  /** The index of the last step, to resume without a state dict (default -1: not started). */
  last_step?: number;
  /** Whether `step()` is called per epoch (default true) or per iteration. */
  by_epoch?: boolean;
  /** Log every change. */
  verbose?: boolean;
}

/** The options of a scheduler of a fixed option (`LinearLR`: the learning rate). */
export type FixedParamOptions<O extends ParamSchedulerOptions> = Omit<O, 'param_name'>;

/**
 * A scheduler's state dict, as MMEngine's (every attribute but the optimizer): the common fields
 * under MMEngine's names, plus the scheduler's own settings (`gamma`, `T_max`, ...).
 */
export interface ParamSchedulerStateDict {
  param_name: string;
  begin: number;
  end: number;
  by_epoch: boolean;
  last_step: number;
  _global_step: number;
  verbose: boolean;
  _last_value: number[];
  base_values?: number[];
  [setting: string]: unknown;
}

/**
 * The base class of MMEngine's parameter schedulers (`_ParamScheduler`). A scheduler counts its
 * `step()` calls (`_global_step`, 0 after construction); while `begin <= _global_step < end` each
 * step advances `last_step` and sets the scheduled option of every group to {@link getValue}'s
 * value, which is computed in the chainable form (from the option's current value), so several
 * schedulers on one option compose: sequentially with disjoint `begin`/`end`, multiplicatively
 * where they overlap. Construction records `initial_<param_name>` in each group (the base values)
 * and performs the first step.
 *
 * A subclass passes its own settings (MMEngine's attribute names; they appear in the state dict)
 * to the constructor, implements `getValue()` and, to support `convert_to_iter_based`, extends the
 * static `toIterBased` with the options it scales by the epoch length.
 *
 * @example
 * class HalvingLR extends ParamScheduler<{ every: number }> {
 *   constructor(options: FixedParamOptions<ParamSchedulerOptions> & { every: number }) {
 *     super({ ...options, param_name: 'lr' }, { every: options.every });
 *   }
 *   protected getValue(): number[] {
 *     const halve = this.lastStep > 0 && this.lastStep % this.settings.every === 0;
 *     return this.currentValues().map((value) => (halve ? value / 2 : value));
 *   }
 * }
 */
export abstract class ParamScheduler<Settings extends object = Record<string, unknown>> {
  readonly optimizer: SchedulableOptimizer;
  readonly paramName: string;
  begin: number;
  end: number;
  byEpoch: boolean;
  lastStep: number;
  /** The values each group started from (`initial_<param_name>`). */
  baseValues: number[];
  /** The number of `step()` calls so far, minus one (MMEngine's `_global_step`). */
  globalStep: number;
  verbose: boolean;
  /** The scheduled option of each group after the last step. */
  lastValue: number[] = [];
  /** This scheduler's own settings, by MMEngine's names. */
  protected settings: Settings;

  /**
   * The option names of this scheduler besides the common ones (`optimizer`, `param_name`,
   * `begin`, `end`, `last_step`, `by_epoch`, `verbose`); an unknown option is an error, as an
   * unexpected keyword is in Python. `null` (the base) accepts anything.
   */
  static readonly optionKeys: readonly string[] | null = null;

  /**
   * @param options - the common options
   * @param settings - the subclass's settings (kept in the state dict)
   * @param stepOnCreate - whether construction performs the first step (all but ReduceOnPlateau)
   */
  constructor(options: ParamSchedulerOptions, settings: Settings, stepOnCreate = true) {
    const name = this.constructor.name;
    const optimizer = options?.optimizer;
    if (!optimizer || !Array.isArray((optimizer as SchedulableOptimizer).paramGroups)) {
      throw new TypeError(`${name}: optimizer must be an Optimizer or an OptimWrapper, got ${describe(optimizer)}`);
    }
    const ownKeys = (this.constructor as unknown as { optionKeys: readonly string[] | null }).optionKeys;
    if (ownKeys) {
      for (const key of Object.keys(options)) {
        if (!COMMON_OPTIONS.includes(key) && !ownKeys.includes(key)) {
          throw new TypeError(`${name}: unknown option "${key}" (known options: ${[...COMMON_OPTIONS, ...ownKeys].join(', ')})`);
        }
      }
    }
    this.optimizer = optimizer;
    this.paramName = options.param_name;
    const begin = options.begin ?? 0;
    const end = options.end ?? INF;
    if (typeof begin !== 'number' || typeof end !== 'number' || Number.isNaN(begin) || Number.isNaN(end)) {
      throw new TypeError(`${name}: begin and end must be numbers, got begin=${describe(begin)}, end=${describe(end)}`);
    }
    if (end <= begin) throw new RangeError(`${name}: end should be larger than begin, but got begin=${begin}, end=${end}`);
    this.begin = begin;
    this.end = end;
    this.byEpoch = options.by_epoch ?? true;
    const lastStep = options.last_step ?? -1;
    if (!Number.isInteger(lastStep) || lastStep < -1) throw new RangeError(`${name}: last_step must be an integer >= -1, got ${describe(lastStep)}`);
    const initialKey = `initial_${this.paramName}`;
    const groups = optimizer.paramGroups;
    if (lastStep === -1) {
      for (const group of groups) if (!(initialKey in group)) group[initialKey] = group[this.paramName];
    } else {
      groups.forEach((group, index) => {
        if (!(initialKey in group)) {
          throw new RangeError(`${name}: param '${initialKey}' is not specified in param_groups[${index}] when resuming an optimizer`);
        }
      });
    }
    this.baseValues = groups.map((group) => group[initialKey] as number);
    this.lastStep = lastStep;
    this.globalStep = -1;
    this.verbose = options.verbose ?? false;
    this.settings = settings;
    if (stepOnCreate) this.step();
    else this.lastValue = this.currentValues();
  }

  /** Advances the schedule by one epoch or iteration (see the class description). */
  step(): void {
    this.globalStep += 1;
    if (this.begin <= this.globalStep && this.globalStep < this.end) {
      this.lastStep += 1;
      this.applyValues(this.getValue());
    }
    this.lastValue = this.currentValues();
  }

  /** The value of the scheduled option in each group after the last step. */
  getLastValue(): number[] {
    return this.lastValue;
  }

  /** Whether `step` needs validation metrics (ReduceOnPlateau). */
  get needValArgs(): boolean {
    return false;
  }

  /** The values of the current step, in the chainable form. */
  protected abstract getValue(): number[];

  /** The scheduled option of each group now. */
  protected currentValues(): number[] {
    return this.optimizer.paramGroups.map((group) => group[this.paramName] as number);
  }

  /** Sets the scheduled option of each group. */
  protected applyValues(values: readonly number[]): void {
    this.optimizer.paramGroups.forEach((group, index) => {
      if (index >= values.length) return;
      const value = values[index] as number;
      group[this.paramName] = value;
      if (this.verbose) console.log(`Adjusting parameter value of group ${index} to ${value.toExponential(4)}.`);
    });
  }

  /** The state dict: MMEngine's attributes (all but the optimizer). */
  stateDict(): ParamSchedulerStateDict {
    return {
      param_name: this.paramName,
      begin: this.begin,
      end: this.end,
      by_epoch: this.byEpoch,
      base_values: [...this.baseValues],
      last_step: this.lastStep,
      _global_step: this.globalStep,
      verbose: this.verbose,
      _last_value: [...this.lastValue],
      ...structuredClone(this.settings as Record<string, unknown>),
    };
  }

  /** Restores the attributes saved by {@link ParamScheduler.stateDict}. */
  loadStateDict(dict: ParamSchedulerStateDict): void {
    const name = this.constructor.name;
    if (dict === null || typeof dict !== 'object') throw new TypeError(`${name}.loadStateDict: expected a state dict, got ${describe(dict)}`);
    const { param_name: paramName, begin, end, by_epoch: byEpoch, base_values: baseValues, last_step: lastStep, _global_step: globalStep, verbose, _last_value: lastValue, ...settings } = dict;
    if (paramName !== undefined && paramName !== this.paramName) {
      throw new RangeError(`${name}.loadStateDict: the state dict schedules "${paramName}", this scheduler "${this.paramName}"`);
    }
    if (begin !== undefined) this.begin = begin;
    if (end !== undefined) this.end = end;
    if (byEpoch !== undefined) this.byEpoch = byEpoch;
    if (baseValues !== undefined) this.baseValues = [...baseValues];
    if (lastStep !== undefined) this.lastStep = lastStep;
    if (globalStep !== undefined) this.globalStep = globalStep;
    if (verbose !== undefined) this.verbose = verbose;
    if (lastValue !== undefined) this.lastValue = [...lastValue];
    this.settings = { ...this.settings, ...structuredClone(settings) } as Settings;
  }

  /**
   * The options of the iteration-based equivalent of an epoch-based config, as MMEngine's
   * `build_iter_from_epoch`: `begin` and `end` (unless `INF`) are multiplied by the epoch length
   * (and truncated) and `by_epoch` becomes false. Subclasses also scale their own step counts.
   */
  static toIterBased(options: Record<string, unknown>, epochLength: number): Record<string, unknown> {
    if (options.by_epoch === false) throw new RangeError(`${this.name}: only epoch-based configs (by_epoch: true) can be converted to iter-based`);
    if (!Number.isInteger(epochLength) || epochLength <= 0) throw new RangeError(`${this.name}: epoch_length must be a positive integer, got ${describe(epochLength)}`);
    const begin = (options.begin as number | undefined) ?? 0;
    const end = (options.end as number | undefined) ?? INF;
    return { ...options, by_epoch: false, begin: Math.trunc(begin * epochLength), end: end === INF ? INF : Math.trunc(end * epochLength) };
  }
}
