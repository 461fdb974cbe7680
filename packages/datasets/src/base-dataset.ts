import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { Generator } from '@mmpt/tensor';
import { readClassNames } from './class-names';
import type { DataInfo, Dataset, SharedDatasetState } from './dataset';
import { DatasetError } from './dataset-error';
import { type DataPrefix, imagePrefix, joinDataRoot } from './paths';
import { SerializedList } from './serialized-list';

export type { DataInfo } from './dataset';

/** What a transform returns: the results, `null` to drop the sample, or a promise of either (decoding is asynchronous). */
export type PipelineResult = Record<string, unknown> | null | Promise<Record<string, unknown> | null>;

/** A pipeline: turns a sample's information into model inputs, or `null` to drop the sample. */
export type Pipeline = (results: Record<string, unknown>, generator: Generator) => Promise<Record<string, unknown> | null>;

/** What a transform in a pipeline may be: a built object with `transform` or a plain function. */
export type PipelineStep =
  | { transform: (results: Record<string, unknown>, generator?: Generator) => PipelineResult }
  | ((results: Record<string, unknown>, generator: Generator) => PipelineResult);

/** The options every dataset takes, as MMPretrain's `BaseDataset` (snake_case config keys). */
export interface BaseDatasetOptions {
  ann_file?: string;
  metainfo?: { classes?: readonly string[] | string; [key: string]: unknown } | null;
  data_root?: string | null;
  data_prefix?: DataPrefix;
  /** The transforms: configs (built through the transforms registry) or built transforms. */
  pipeline?: ReadonlyArray<BuildConfig | PipelineStep>;
  test_mode?: boolean;
  /** Build the data list on first use instead of in the constructor. */
  lazy_init?: boolean;
  /** Keep only these indices (or the first N when a number). */
  indices?: number | number[] | null;
  /** Attempts to draw another sample when the pipeline drops one during training. */
  max_refetch?: number;
  /** Class names: a list or a text file, one per line (MMPretrain's `classes`). */
  classes?: readonly string[] | string | null;
}

/** Mixes a seed, an epoch and an index into the seed of one sample's random generator. */
export function sampleSeed(seed: number, epoch: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const value of [epoch, index]) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/**
 * MMPretrain's `BaseDataset`: resolves `data_root`, `data_prefix` and `ann_file`, loads the data
 * list (once, lazily if asked), stores it serialised, and applies the pipeline in `get(index)`.
 * Subclasses implement `loadDataList`. Random transforms draw from a generator seeded by the
 * dataset seed, the epoch and the index, so a sample is augmented the same way whichever worker
 * thread loads it.
 */
export abstract class BaseDataset implements Dataset {
  /**
   * The meta information a dataset class has by default (MMPretrain's `METAINFO`, such as the
   * class names of CIFAR-10); the config's `metainfo` and `classes` take precedence.
   */
  static readonly defaultMetainfo: Readonly<Record<string, unknown>> = {};
  readonly annFile: string;
  readonly dataRoot: string | undefined;
  readonly dataPrefix: string;
  readonly testMode: boolean;
  readonly maxRefetch: number;
  /** The configs of the pipeline, kept so worker threads can rebuild it. */
  readonly pipelineConfig: ReadonlyArray<BuildConfig | PipelineStep>;
  protected readonly context: BuildContext | undefined;
  protected readonly options: BaseDatasetOptions;
  #metainfo: Record<string, unknown>;
  #dataList: SerializedList<DataInfo> | undefined;
  #pipeline: Pipeline | undefined;
  /** The seed and epoch random transforms draw from (set by the data loader). */
  seed = 0;
  epoch = 0;

  constructor(options: BaseDatasetOptions = {}, context?: BuildContext) {
    this.options = options;
    this.context = context;
    this.dataRoot = options.data_root ?? undefined;
    this.annFile = options.ann_file ? joinDataRoot(this.dataRoot, options.ann_file) : '';
    this.dataPrefix = joinDataRoot(this.dataRoot, imagePrefix(options.data_prefix));
    this.testMode = options.test_mode ?? false;
    this.maxRefetch = options.max_refetch ?? 1000;
    this.pipelineConfig = options.pipeline ?? [];
    const defaults = (this.constructor as typeof BaseDataset).defaultMetainfo;
    const metainfo: Record<string, unknown> = { ...defaults, ...(options.metainfo ?? {}) };
    const classes = readClassNames(options.classes ?? (metainfo.classes as string[] | string | undefined));
    if (classes) metainfo.classes = classes;
    this.#metainfo = metainfo;
    if (!(options.lazy_init ?? false)) this.fullInit();
  }

  /** Reads the annotation and returns the information of every sample. */
  protected abstract loadDataList(): DataInfo[];

  /** Loads the data list if that has not happened yet. */
  fullInit(): void {
    if (this.#dataList) return;
    let list = this.loadDataList();
    const indices = this.options.indices;
    if (typeof indices === 'number') list = list.slice(0, indices);
    else if (Array.isArray(indices)) list = indices.map((index) => list[index] as DataInfo);
    this.#dataList = SerializedList.from(list);
  }

  /** The serialised data list (worker threads share its buffers). */
  get serialized(): SerializedList<DataInfo> {
    this.fullInit();
    return this.#dataList as SerializedList<DataInfo>;
  }

  /** Installs a data list loaded elsewhere (a worker thread receiving the shared buffers). */
  adoptSerialized(list: SerializedList<DataInfo>): void {
    this.#dataList = list;
  }

  /** The serialised data list and the meta information, for worker threads. */
  sharedState(): SharedDatasetState {
    return { kind: 'list', list: this.serialized.buffers, metainfo: this.metainfo };
  }

  /** Installs the data list and meta information another thread loaded. */
  adoptSharedState(state: SharedDatasetState): void {
    if (state.kind !== 'list') throw new DatasetError(`${this.constructor.name}: expected the shared state of a data list, got that of a dataset wrapper`);
    this.#dataList = SerializedList.fromBuffers<DataInfo>(state.list);
    this.#metainfo = { ...state.metainfo };
  }

  /** Meta information: `classes` and anything else the config gave. */
  get metainfo(): Record<string, unknown> {
    return { ...this.#metainfo };
  }

  protected setMetainfo(key: string, value: unknown): void {
    this.#metainfo[key] = value;
  }

  /** The class names, when known. */
  get classes(): string[] | undefined {
    return this.#metainfo.classes as string[] | undefined;
  }

  /** Class name to index. */
  get classToIdx(): Record<string, number> {
    const classes = this.classes;
    if (!classes) throw new DatasetError(`${this.constructor.name}: the dataset has no classes, so no class_to_idx`);
    return Object.fromEntries(classes.map((name, index) => [name, index]));
  }

  /** The number of samples. */
  get length(): number {
    return this.serialized.length;
  }

  /** The information of sample `index` (a copy, with `sample_idx`). */
  getDataInfo(index: number): DataInfo {
    const info = this.serialized.get(index);
    info.sample_idx = index;
    return info;
  }

  /** The ground-truth label of every sample. */
  getGtLabels(): Int32Array {
    const labels = new Int32Array(this.length);
    for (let index = 0; index < labels.length; index++) {
      const label = this.serialized.get(index).gt_label;
      labels[index] = typeof label === 'number' ? label : -1;
    }
    return labels;
  }

  /** The category ids of sample `index`. */
  getCatIds(index: number): number[] {
    const label = this.serialized.get(index).gt_label;
    return label === undefined ? [] : Array.isArray(label) ? label : [label];
  }

  /** The pipeline, built on first use. */
  get pipeline(): Pipeline {
    if (!this.#pipeline) this.#pipeline = buildPipeline(this.pipelineConfig, this.context, this.constructor.name);
    return this.#pipeline;
  }

  /**
   * Sample `index` after the pipeline. In training, a sample the pipeline drops is replaced by a
   * random other one (up to `max_refetch` times), as MMEngine does.
   */
  async get(index: number, epoch = this.epoch): Promise<Record<string, unknown>> {
    return this.prepareSample(index, new Generator(sampleSeed(this.seed, epoch, index)));
  }

  /**
   * Sample `index` after the pipeline, random transforms drawing from `generator` (a dataset
   * wrapper passes the generator of its own index).
   */
  async prepareSample(index: number, generator: Generator): Promise<Record<string, unknown>> {
    let current = index;
    for (let attempt = 0; attempt <= this.maxRefetch; attempt++) {
      const result = await this.pipeline(this.getDataInfo(current), generator);
      if (result) return result;
      if (this.testMode) throw new DatasetError(`${this.constructor.name}: the pipeline dropped test sample ${current}; test datasets must keep every sample`);
      current = generator.integer(0, this.length);
    }
    throw new DatasetError(`${this.constructor.name}: the pipeline dropped ${this.maxRefetch + 1} samples in a row; check the pipeline`);
  }
}

/** Builds a pipeline from transform configs (through the transforms registry) or built transforms. */
export function buildPipeline(steps: ReadonlyArray<BuildConfig | PipelineStep>, context: BuildContext | undefined, owner: string): Pipeline {
  type Step = (results: Record<string, unknown>, generator: Generator) => PipelineResult;
  const built = steps.map((step, index): Step => {
    if (typeof step === 'function') return step as Step;
    if (typeof (step as { transform?: unknown }).transform === 'function') {
      const transform = step as Extract<PipelineStep, { transform: unknown }>;
      return (results, generator) => transform.transform(results, generator);
    }
    const registries = context?.registries;
    if (!registries) throw new DatasetError(`${owner}: pipeline step ${index} is a config but the dataset was not built through registries`);
    const transform = registries.transforms.build(step as BuildConfig) as Extract<PipelineStep, { transform: unknown }>;
    if (typeof transform?.transform !== 'function') throw new DatasetError(`${owner}: pipeline step ${index} (${String((step as BuildConfig).type)}) has no transform method`);
    return (results, generator) => transform.transform(results, generator);
  });
  return async (results, generator) => {
    let current: Record<string, unknown> | null = results;
    for (const step of built) {
      if (!current) return null;
      current = await step(current, generator);
    }
    return current;
  };
}
