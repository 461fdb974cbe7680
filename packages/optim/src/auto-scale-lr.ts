import { describe } from './optimizers/param-group';
import type { ParamGroup } from './optimizers/param-group';

/** The `auto_scale_lr` config: the batch size the learning rate was tuned for, and the switch. */
export interface AutoScaleLrConfig {
  base_batch_size: number;
  /** Set by the CLI's `--auto-scale-lr`; nothing is scaled unless it is true. */
  enable?: boolean;
}

/**
 * Scales the learning rate of every group linearly with the batch size, as MMEngine's
 * `Runner.scale_lr`: when `auto_scale_lr.enable` is true, each group's `lr` is multiplied by
 * `(worldSize · batchSize) / base_batch_size`. Returns that ratio, or null when scaling is off. It
 * must run before the schedulers are built (they record the initial learning rates).
 *
 * @example
 * // auto_scale_lr = { base_batch_size: 256, enable: true }, 1 process with batches of 64
 * scaleLr(optimWrapper, cfg.auto_scale_lr, { batchSize: 64 }); // 0.25: lr 0.1 becomes 0.025
 */
export function scaleLr(
  optimWrapper: { optimizer: { paramGroups: ParamGroup[] } },
  autoScaleLr: AutoScaleLrConfig | null | undefined,
  options: { batchSize: number; worldSize?: number },
): number | null {
  if (!autoScaleLr || !autoScaleLr.enable) return null;
  if (typeof autoScaleLr.base_batch_size !== 'number' || !(autoScaleLr.base_batch_size > 0)) {
    throw new TypeError(`scaleLr: auto_scale_lr needs a positive base_batch_size, got ${describe(autoScaleLr.base_batch_size)}`);
  }
  const worldSize = options.worldSize ?? 1;
  if (!Number.isInteger(options.batchSize) || options.batchSize <= 0) throw new RangeError(`scaleLr: batchSize must be a positive integer, got ${describe(options.batchSize)}`);
  if (!Number.isInteger(worldSize) || worldSize <= 0) throw new RangeError(`scaleLr: worldSize must be a positive integer, got ${describe(worldSize)}`);
  const groups = optimWrapper.optimizer.paramGroups;
  if (groups.some((group) => 'initial_lr' in group)) {
    throw new Error('scaleLr: call it before building the parameter schedulers, which record the initial learning rates');
  }
  const ratio = (worldSize * options.batchSize) / autoScaleLr.base_batch_size;
  for (const group of groups) group.lr = (group.lr as number) * ratio;
  return ratio;
}
