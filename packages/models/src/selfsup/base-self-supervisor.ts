import type { BuildConfig, BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { type AnyModule, Module, type Tensor } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { LossDict } from '../heads/classifier-head';
import type { InitConfigInput } from '../init/init-config';
import { buildSubmodule } from '../utils/build-submodule';
import { SelfSupDataPreprocessor, type SelfSupDataPreprocessorOptions, type SelfSupInputs } from './self-sup-data-preprocessor';
import { asFeatureList } from './utils/as-feature-list';

/** A submodule option: a config the models registry builds, or a built module. */
export type ModuleInput = BuildConfig | AnyModule;

/** The options of {@link BaseSelfSupervisor}, as MMPretrain's. */
export interface BaseSelfSupervisorOptions {
  backbone: ModuleInput;
  neck?: ModuleInput | null;
  head?: ModuleInput | null;
  /** Builds the targets of some algorithms (HOG features, a teacher's features...). */
  target_generator?: ModuleInput | null;
  /** Shorthand for a Pretrained `init_cfg` with this checkpoint. */
  pretrained?: string | null;
  /** A SelfSupDataPreprocessor by default (its options, or another registered preprocessor's config, or a module). */
  data_preprocessor?: (SelfSupDataPreprocessorOptions & { type?: string }) | AnyModule | null;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `BaseSelfSupervisor`, the base of every self-supervised algorithm: it builds the
 * `data_preprocessor` (a {@link SelfSupDataPreprocessor} unless another is given), `backbone`,
 * `neck`, `head` and `target_generator` from their configs, registered under those state-dict
 * names. `extractFeat` runs the backbone; subclasses implement `loss(inputs, dataSamples)`.
 *
 * A new algorithm is a subclass registered in the models registry, then named in a config:
 *
 * @example
 * class NewAlgorithm extends BaseSelfSupervisor {
 *   loss(inputs: SelfSupInputs, dataSamples: readonly DataSample[]): LossDict {
 *     const [view1, view2] = inputs as Tensor[];
 *     ...
 *     return { loss };
 *   }
 * }
 * registries.models.register(NewAlgorithm);
 * // config: model = { type: 'NewAlgorithm', backbone: {...}, neck: {...}, head: {...} }
 */
export abstract class BaseSelfSupervisor extends BaseModule<[SelfSupInputs], Tensor[]> {
  readonly dataPreprocessor: AnyModule;
  readonly backbone: AnyModule;
  readonly neck: AnyModule | null;
  readonly head: AnyModule | null;
  readonly targetGenerator: AnyModule | null;
  /** The options the algorithm was built from (momentum encoders rebuild the backbone and neck from them). */
  protected readonly options: BaseSelfSupervisorOptions;
  /** The build context, for building further modules from configs. */
  protected readonly context: BuildContext | undefined;

  constructor(options: BaseSelfSupervisorOptions, context?: BuildContext) {
    super(options.pretrained ? { type: 'Pretrained', checkpoint: options.pretrained } : options.init_cfg);
    const owner = this.constructor.name;
    this.options = options;
    this.context = context;
    this.dataPreprocessor = this.registerModule('data_preprocessor', buildPreprocessor(options.data_preprocessor, context, owner));
    this.backbone = this.registerModule('backbone', buildSubmodule(options.backbone, context, `${owner}.backbone`));
    this.neck = this.registerModule('neck', options.neck ? buildSubmodule(options.neck, context, `${owner}.neck`) : null);
    this.head = this.registerModule('head', options.head ? buildSubmodule(options.head, context, `${owner}.head`) : null);
    this.targetGenerator = this.registerModule(
      'target_generator',
      options.target_generator ? buildSubmodule(options.target_generator, context, `${owner}.target_generator`) : null,
    );
  }

  /** Whether the algorithm has a neck. */
  get withNeck(): boolean {
    return this.neck !== null;
  }

  /** Whether the algorithm has a head. */
  get withHead(): boolean {
    return this.head !== null;
  }

  /** Whether the algorithm has a target generator. */
  get withTargetGenerator(): boolean {
    return this.targetGenerator !== null;
  }

  /** The features of a batch (MMPretrain's `mode='tensor'`): {@link extractFeat}. */
  forward(inputs: SelfSupInputs): Tensor[] {
    return this.extractFeat(inputs);
  }

  /**
   * The backbone's features of a batch of shape `(N, C, ...)`. Algorithms whose inputs are views
   * override it to use the first view.
   */
  extractFeat(inputs: SelfSupInputs): Tensor[] {
    if (Array.isArray(inputs)) throw new TypeError(`${this.constructor.name}.extractFeat: expected one batch tensor, got a list of ${inputs.length} views`);
    return asFeatureList(this.backbone.forward(inputs), `${this.constructor.name}.backbone`);
  }

  /** The losses of a preprocessed batch (every entry whose name contains `loss` is optimised). */
  abstract loss(inputs: SelfSupInputs, dataSamples: readonly DataSample[]): LossDict;

  /**
   * Runtime information from the training loop (MMEngine keeps it in the message hub), such as
   * `max_iters`, which the cosine momentum schedules need. The default passes it to every
   * submodule that takes it.
   */
  setRuntimeInfo(info: Record<string, unknown>): void {
    for (const module of this.modules()) {
      if (module !== this && typeof (module as { setRuntimeInfo?: unknown }).setRuntimeInfo === 'function') {
        (module as unknown as { setRuntimeInfo(info: Record<string, unknown>): void }).setRuntimeInfo(info);
      }
    }
  }

  /** The neck, or an error naming the algorithm. */
  protected requireNeck(): AnyModule {
    if (!this.neck) throw new Error(`${this.constructor.name}: this algorithm needs a neck`);
    return this.neck;
  }

  /** The head, or an error naming the algorithm. */
  protected requireHead<H extends AnyModule = AnyModule>(): H {
    if (!this.head) throw new Error(`${this.constructor.name}: this algorithm needs a head`);
    return this.head as H;
  }

  /** The views of multi-view inputs, checking there are at least `count`. */
  protected requireViews(inputs: SelfSupInputs, count: number): Tensor[] {
    if (!Array.isArray(inputs) || inputs.length < count) {
      const got = Array.isArray(inputs) ? `${inputs.length} views` : 'one batch tensor';
      throw new TypeError(`${this.constructor.name}.loss: expected a list of at least ${count} views (a MultiView pipeline), got ${got}`);
    }
    return inputs;
  }
}

function buildPreprocessor(value: BaseSelfSupervisorOptions['data_preprocessor'], context: BuildContext | undefined, owner: string): AnyModule {
  const preprocessor = value ?? {};
  if (preprocessor instanceof Module) return preprocessor;
  const { type, ...rest } = preprocessor as SelfSupDataPreprocessorOptions & { type?: string };
  if (type === undefined || type === 'SelfSupDataPreprocessor') return new SelfSupDataPreprocessor(rest);
  return buildSubmodule(preprocessor as BuildConfig, context, `${owner}.data_preprocessor`);
}
