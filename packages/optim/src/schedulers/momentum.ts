import { describe } from '../optimizers/param-group';
import type { SchedulableOptimizer } from './param-scheduler';

/**
 * Prepares an optimizer for a momentum scheduler, as MMEngine's `MomentumSchedulerMixin`: an
 * optimizer with `momentum` (SGD, RMSprop, LARS) is scheduled directly; one with `betas` (the Adam
 * family) gets `momentum = betas[0]` in every group, which {@link syncBetas} writes back after each
 * step. Returns the option to schedule, `'momentum'`.
 */
export function prepareMomentum(optimizer: SchedulableOptimizer, owner: string): 'momentum' {
  const defaults = optimizer?.defaults;
  if (defaults && 'momentum' in defaults) return 'momentum';
  if (defaults && 'betas' in defaults) {
    for (const group of optimizer.paramGroups) group.momentum = (group.betas as number[])[0];
    return 'momentum';
  }
  throw new TypeError(`${owner}: the optimizer must support momentum (a "momentum" or "betas" option) to use a momentum scheduler, got defaults ${describe(defaults)}`);
}

/** Whether the optimizer's momentum is the first of its `betas`. */
export function usesBetas(optimizer: SchedulableOptimizer): boolean {
  return !('momentum' in optimizer.defaults) && 'betas' in optimizer.defaults;
}

/** Writes each group's scheduled `momentum` back into `betas[0]` (Adam-family optimizers). */
export function syncBetas(optimizer: SchedulableOptimizer): void {
  if (!usesBetas(optimizer)) return;
  for (const group of optimizer.paramGroups) {
    const betas = group.betas as number[];
    group.betas = [group.momentum as number, betas[1] as number];
  }
}
