import type { Runner } from '../runner/runner';
import { Hook, type Metrics } from './hook';

/**
 * MMEngine's `ParamSchedulerHook`: steps iteration-based schedulers after each training iteration
 * and epoch-based ones after each epoch; ReduceOnPlateau schedulers step on validation metrics.
 */
export class ParamSchedulerHook extends Hook {
  override priority = 'LOW' as const;

  override afterTrainIter(runner: Runner): void {
    for (const scheduler of runner.paramSchedulers) if (!scheduler.byEpoch && !isPlateau(scheduler)) scheduler.step();
  }

  override afterTrainEpoch(runner: Runner): void {
    // ReduceOnPlateau counts the epoch here and compares metrics after validation.
    for (const scheduler of runner.paramSchedulers) if (scheduler.byEpoch) scheduler.step();
  }

  override afterValEpoch(runner: Runner, metrics: Metrics): void {
    for (const scheduler of runner.paramSchedulers) {
      if (isPlateau(scheduler)) (scheduler as unknown as { step(metrics?: Record<string, number>): void }).step(scalarMetrics(metrics));
    }
  }
}

function isPlateau(scheduler: object): boolean {
  return scheduler.constructor.name.includes('ReduceOnPlateau');
}

function scalarMetrics(metrics: Metrics): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
