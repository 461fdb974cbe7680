import type { Batch } from '@mmpt/datasets';
import type { DataSample } from '@mmpt/structures';
import type { Runner } from '../runner/runner';

/** MMEngine's hook priorities: lower runs first. */
export const PRIORITIES = {
  HIGHEST: 0,
  VERY_HIGH: 10,
  HIGH: 30,
  ABOVE_NORMAL: 40,
  NORMAL: 50,
  BELOW_NORMAL: 60,
  LOW: 70,
  VERY_LOW: 90,
  LOWEST: 100,
} as const;

/** A priority: a number or one of MMEngine's names. */
export type Priority = number | keyof typeof PRIORITIES;

/** The outputs of one training iteration: the scalar losses that were logged. */
export type TrainOutputs = Record<string, number>;

/** The metrics of a validation or test run. */
export type Metrics = Record<string, number | number[]>;

/** The predictions of one validation or test batch: one data sample per input. */
export type EvaluationOutputs = readonly DataSample[];

/**
 * A runner hook, as MMEngine's `Hook`: every method is a no-op point a subclass overrides. Methods
 * may be async; the runner awaits them in priority order.
 *
 * The validation and test iteration points receive the batch as the data loader gave it (`inputs`
 * before the data preprocessor, still alive until every hook has run) and, after the iteration,
 * the predicted data samples, as MMEngine's `after_val_iter(runner, batch_idx, data_batch,
 * outputs)`. Both are optional so that a loop of a plugin may leave them out.
 */
export class Hook {
  /** When the hook runs relative to the others (lower first). */
  priority: Priority = 'NORMAL';

  beforeRun(_runner: Runner): void | Promise<void> {}
  afterRun(_runner: Runner): void | Promise<void> {}
  beforeTrain(_runner: Runner): void | Promise<void> {}
  afterTrain(_runner: Runner): void | Promise<void> {}
  beforeTrainEpoch(_runner: Runner): void | Promise<void> {}
  afterTrainEpoch(_runner: Runner): void | Promise<void> {}
  beforeTrainIter(_runner: Runner, _batchIndex: number): void | Promise<void> {}
  afterTrainIter(_runner: Runner, _batchIndex: number, _outputs: TrainOutputs | undefined): void | Promise<void> {}
  beforeValEpoch(_runner: Runner): void | Promise<void> {}
  afterValEpoch(_runner: Runner, _metrics: Metrics): void | Promise<void> {}
  beforeValIter(_runner: Runner, _batchIndex: number, _dataBatch?: Batch): void | Promise<void> {}
  afterValIter(_runner: Runner, _batchIndex: number, _dataBatch?: Batch, _outputs?: EvaluationOutputs): void | Promise<void> {}
  beforeTestEpoch(_runner: Runner): void | Promise<void> {}
  afterTestEpoch(_runner: Runner, _metrics: Metrics): void | Promise<void> {}
  beforeTestIter(_runner: Runner, _batchIndex: number, _dataBatch?: Batch): void | Promise<void> {}
  afterTestIter(_runner: Runner, _batchIndex: number, _dataBatch?: Batch, _outputs?: EvaluationOutputs): void | Promise<void> {}
  beforeSaveCheckpoint(_runner: Runner, _meta: Record<string, unknown>): void | Promise<void> {}
  afterLoadCheckpoint(_runner: Runner, _meta: Record<string, unknown>): void | Promise<void> {}
}

/** The numeric value of a priority. */
export function priorityValue(priority: Priority): number {
  if (typeof priority === 'number') return priority;
  const value = PRIORITIES[priority];
  if (value === undefined) throw new Error(`Unknown hook priority "${String(priority)}"; use a number or one of ${Object.keys(PRIORITIES).join(', ')}`);
  return value;
}

/** The names of the hook points, for `Runner.callHook`. */
export type HookPoint = Exclude<keyof Hook, 'priority'>;
