import type { DataLoader } from '@mmpt/datasets';
import type { Evaluator } from '@mmpt/evaluation';
import type { Metrics } from '../hooks/hook';
import type { Runner } from '../runner/runner';
import { disposeInputs, predictStep } from './train-step';

/**
 * MMEngine's `ValLoop` and `TestLoop`: predict every batch, feed the evaluator, report its metrics.
 * The iteration hooks get the batch (its inputs are freed once they have run) and the predictions.
 */
export class EvaluationLoop {
  constructor(
    private readonly runner: Runner,
    private readonly dataloader: DataLoader,
    private readonly evaluator: Evaluator,
    private readonly phase: 'val' | 'test',
  ) {}

  async run(): Promise<Metrics> {
    const runner = this.runner;
    const val = this.phase === 'val';
    await runner.callHook(val ? 'beforeValEpoch' : 'beforeTestEpoch');
    const wasTraining = runner.model.training;
    runner.model.eval();
    let index = 0;
    try {
      for await (const batch of this.dataloader) {
        try {
          await runner.callHook(val ? 'beforeValIter' : 'beforeTestIter', index, batch);
          const samples = await predictStep(runner.model, batch);
          this.evaluator.process(samples, batch);
          await runner.callHook(val ? 'afterValIter' : 'afterTestIter', index, batch, samples);
        } finally {
          disposeInputs(batch);
        }
        index++;
      }
    } finally {
      runner.model.train(wasTraining);
    }
    const metrics = this.evaluator.evaluate(this.dataloader.dataset.length) as Metrics;
    await runner.callHook(val ? 'afterValEpoch' : 'afterTestEpoch', metrics);
    return metrics;
  }
}

/** The options of {@link ValLoop} and {@link TestLoop}: `val_cfg`/`test_cfg` plus what the runner gives. */
export interface EvaluationLoopOptions {
  runner: Runner;
  dataloader: DataLoader;
  evaluator: Evaluator;
}

/** MMEngine's `ValLoop` (`val_cfg`). */
export class ValLoop extends EvaluationLoop {
  constructor(options: EvaluationLoopOptions) {
    super(options.runner, options.dataloader, options.evaluator, 'val');
  }
}

/** MMEngine's `TestLoop` (`test_cfg`). */
export class TestLoop extends EvaluationLoop {
  constructor(options: EvaluationLoopOptions) {
    super(options.runner, options.dataloader, options.evaluator, 'test');
  }
}
