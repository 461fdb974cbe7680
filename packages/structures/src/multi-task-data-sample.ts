import type { DataSample } from './data-sample';

/**
 * The samples of a multi-task dataset, one {@link DataSample} per task (MMPretrain's
 * `MultiTaskDataSample`), plus shared meta information.
 *
 * @example
 * const sample = new MultiTaskDataSample();
 * sample.setTask('color', new DataSample().setGtLabel(2));
 * sample.task('color')?.gtLabel; // Int32Array [2]
 */
export class MultiTaskDataSample {
  /** Meta information shared by the tasks. */
  readonly metainfo: Record<string, unknown> = {};
  readonly #tasks = new Map<string, DataSample | MultiTaskDataSample>();

  /** Sets the sample of one task (a nested multi-task sample for nested tasks). */
  setTask(name: string, sample: DataSample | MultiTaskDataSample): this {
    this.#tasks.set(name, sample);
    return this;
  }

  /** The sample of one task, or `undefined`. */
  task(name: string): DataSample | MultiTaskDataSample | undefined {
    return this.#tasks.get(name);
  }

  /** The names of the tasks, in insertion order. */
  get taskNames(): string[] {
    return [...this.#tasks.keys()];
  }

  /** The tasks and their samples. */
  entries(): IterableIterator<[string, DataSample | MultiTaskDataSample]> {
    return this.#tasks.entries();
  }
}
