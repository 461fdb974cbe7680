import { performance } from 'node:perf_hooks';
import type { Runner } from '../runner/runner';
import { Hook } from './hook';

/** MMEngine's `IterTimerHook`: logs `data_time` (waiting for the batch) and `time` (the whole iteration). */
export class IterTimerHook extends Hook {
  override priority = 'NORMAL' as const;
  #start = 0;
  #iterStart = 0;

  override beforeTrainEpoch(): void {
    this.#start = performance.now();
  }

  override beforeValEpoch(): void {
    this.#start = performance.now();
  }

  override beforeTestEpoch(): void {
    this.#start = performance.now();
  }

  override beforeTrainIter(runner: Runner): void {
    this.#before(runner, 'train');
  }

  override afterTrainIter(runner: Runner): void {
    this.#after(runner, 'train');
  }

  override beforeValIter(runner: Runner): void {
    this.#before(runner, 'val');
  }

  override afterValIter(runner: Runner): void {
    this.#after(runner, 'val');
  }

  override beforeTestIter(runner: Runner): void {
    this.#before(runner, 'test');
  }

  override afterTestIter(runner: Runner): void {
    this.#after(runner, 'test');
  }

  #before(runner: Runner, mode: string): void {
    this.#iterStart = performance.now();
    runner.messageHub.updateScalar(`${mode}/data_time`, (this.#iterStart - this.#start) / 1000);
  }

  #after(runner: Runner, mode: string): void {
    const now = performance.now();
    runner.messageHub.updateScalar(`${mode}/time`, (now - this.#start) / 1000);
    this.#start = now;
  }
}
