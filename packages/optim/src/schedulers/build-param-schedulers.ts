import type { BuildConfig, Registries } from '@mmpt/registry';
import { describe } from '../optimizers/param-group';
import { ParamScheduler, type SchedulableOptimizer } from './param-scheduler';

/** What {@link buildParamSchedulers} needs besides the configs. */
export interface BuildParamSchedulersOptions {
  /** The optimizer wrapper (or optimizer) the schedulers drive. */
  optimWrapper: SchedulableOptimizer;
  /** The registries holding the scheduler types. */
  registries: Pick<Registries, 'parameterSchedulers'>;
  /** The training length in epochs: the default `end` of epoch-based schedulers. */
  maxEpochs?: number;
  /** The training length in iterations: the default `end` of iteration-based schedulers. */
  maxIters?: number;
  /** Iterations per epoch, for `convert_to_iter_based`. */
  epochLength?: number;
}

/** A `param_scheduler` entry: a config (MMEngine's keys, plus `convert_to_iter_based`) or a built scheduler. */
export type ParamSchedulerConfig = (BuildConfig & { convert_to_iter_based?: boolean }) | ParamScheduler<object>;

/**
 * Builds the schedulers of a `param_scheduler` config (one entry or a list), as MMEngine's runner
 * does: an entry without `end` ends with the training (`maxEpochs` for epoch-based entries,
 * `maxIters` otherwise, when given), and `convert_to_iter_based: true` turns an epoch-based entry
 * into the equivalent iteration-based scheduler (`begin`, `end` and the scheduler's step counts
 * multiplied by `epochLength`), so that it updates every iteration.
 *
 * @example
 * const schedulers = buildParamSchedulers(
 *   [
 *     { type: 'LinearLR', start_factor: 1e-3, by_epoch: true, begin: 0, end: 5, convert_to_iter_based: true },
 *     { type: 'CosineAnnealingLR', T_max: 95, by_epoch: true, begin: 5, end: 100 },
 *   ],
 *   { optimWrapper, registries, maxEpochs: 100, epochLength: len(trainLoader) },
 * );
 */
export function buildParamSchedulers(
  config: ParamSchedulerConfig | readonly ParamSchedulerConfig[],
  options: BuildParamSchedulersOptions,
): Array<ParamScheduler<object>> {
  const entries = Array.isArray(config) ? config : [config];
  return entries.map((entry: ParamSchedulerConfig, index) => {
    if (entry instanceof ParamScheduler) return entry;
    if (entry === null || typeof entry !== 'object') {
      throw new TypeError(`buildParamSchedulers: param_scheduler[${index}] must be a scheduler or a config object, got ${describe(entry)}`);
    }
    const { convert_to_iter_based: convert = false, ...rest } = entry;
    const cfg: BuildConfig = { ...rest };
    const byEpoch = cfg.by_epoch ?? true;
    const defaultEnd = byEpoch ? options.maxEpochs : options.maxIters;
    if (defaultEnd !== undefined && !('end' in cfg)) cfg.end = defaultEnd;
    const registry = options.registries.parameterSchedulers;
    if (!convert) return registry.build<ParamScheduler<object>>(cfg, { optimizer: options.optimWrapper });
    if (!byEpoch) throw new RangeError(`buildParamSchedulers: param_scheduler[${index}] has by_epoch: false; only epoch-based schedulers can be converted to iter-based`);
    if (!Number.isInteger(options.epochLength) || (options.epochLength as number) <= 0) {
      throw new RangeError(`buildParamSchedulers: param_scheduler[${index}] sets convert_to_iter_based, which needs a positive integer epochLength, got ${describe(options.epochLength)}`);
    }
    const { type, ...schedulerOptions } = cfg;
    const target = typeof type === 'string' ? registry.get(type) : type;
    const kind = target as unknown as { toIterBased?: (options: Record<string, unknown>, epochLength: number) => Record<string, unknown> } & (new (options: Record<string, unknown>) => ParamScheduler<object>);
    if (typeof kind !== 'function' || typeof kind.toIterBased !== 'function') {
      throw new TypeError(`buildParamSchedulers: ${describe(type)} cannot be converted to iter-based (it is not a ParamScheduler class)`);
    }
    return new kind(kind.toIterBased({ ...schedulerOptions, optimizer: schedulerOptions.optimizer ?? options.optimWrapper }, options.epochLength as number));
  });
}
