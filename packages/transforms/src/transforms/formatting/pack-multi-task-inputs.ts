import type { BuildConfig, Registry } from '@mmpt/registry';
import { type DataSample, MultiTaskDataSample } from '@mmpt/structures';
import type { Generator } from '@mmpt/tensor';
import { resolveTransform } from '../../pipeline/build-transform';
import type { Sample } from '../../pipeline/sample';
import { type Transform, isPromise } from '../../pipeline/transform';
import { PackInputs } from './pack-inputs';

/** The options of {@link PackMultiTaskInputs}. */
export interface PackMultiTaskInputsOptions {
  /** The fields holding a dict of values per task (e.g. `['gt_label']`). */
  multi_task_fields: readonly string[];
  /** Defaults to `'img'`. */
  input_key?: string;
  /** A packing transform config per task; `PackInputs` for the others. */
  task_handlers?: Record<string, BuildConfig>;
  registry?: Registry;
}

/**
 * Packs a multi-task sample (MMPretrain's `PackMultiTaskInputs`): each task gets its own data
 * sample, packed by its handler from the shared fields and the task's values; `data_samples` is a
 * `MultiTaskDataSample`.
 *
 * @example
 * new PackMultiTaskInputs({ multi_task_fields: ['gt_label'] }).transform({ img, gt_label: { color: 2, shape: 0 } }, generator);
 */
export class PackMultiTaskInputs implements Transform {
  readonly multiTaskFields: readonly string[];
  readonly inputKey: string;
  readonly taskHandlers = new Map<string, Transform>();
  readonly #defaultHandler = new PackInputs();

  static readonly optionNames = ['multi_task_fields', 'input_key', 'task_handlers'];

  constructor(options: PackMultiTaskInputsOptions) {
    if (!Array.isArray(options.multi_task_fields)) throw new TypeError('PackMultiTaskInputs: multi_task_fields must be a list of keys');
    this.multiTaskFields = [...options.multi_task_fields];
    this.inputKey = options.input_key ?? 'img';
    for (const [task, config] of Object.entries(options.task_handlers ?? {})) {
      this.taskHandlers.set(task, resolveTransform(config, options.registry, 'PackMultiTaskInputs'));
    }
  }

  transform(results: Sample, generator: Generator): Sample {
    const packed: Sample = {};
    const shared: Sample = { ...results };
    if (this.inputKey in shared) packed.inputs = this.#defaultHandler.formatInput(shared[this.inputKey]);
    const taskResults = new Map<string, Record<string, unknown>>();
    for (const field of this.multiTaskFields) {
      if (!(field in shared)) continue;
      const value = shared[field] as Record<string, unknown>;
      delete shared[field];
      for (const [task, taskValue] of Object.entries(value ?? {})) {
        const entry = taskResults.get(task) ?? {};
        entry[field] = taskValue;
        taskResults.set(task, entry);
      }
    }
    const dataSample = new MultiTaskDataSample();
    for (const [task, values] of taskResults) {
      const handler = this.taskHandlers.get(task) ?? this.#defaultHandler;
      const output = handler.transform({ ...shared, ...values }, generator);
      if (isPromise(output) || output === null) throw new Error(`PackMultiTaskInputs: the handler of task "${task}" must return a packed sample synchronously`);
      dataSample.setTask(task, output.data_samples as DataSample | MultiTaskDataSample);
    }
    packed.data_samples = dataSample;
    return packed;
  }
}
