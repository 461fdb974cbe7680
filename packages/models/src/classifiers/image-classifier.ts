import type { BuildConfig, BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { type AnyModule, Module, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { RandomBatchAugmentOptions } from '../batch-augments/random-batch-augment';
import { ClsDataPreprocessor, type ClsDataPreprocessorOptions } from '../data-preprocessors/cls-data-preprocessor';
import type { ClassifierHead, LossDict } from '../heads/classifier-head';
import type { InitConfigInput } from '../init/init-config';
import { buildSubmodule } from '../utils/build-submodule';

/** The options of {@link ImageClassifier}, as MMPretrain's. */
export interface ImageClassifierOptions {
  backbone: BuildConfig | AnyModule;
  neck?: BuildConfig | AnyModule | null;
  head?: BuildConfig | AnyModule | null;
  /** Shorthand for a Pretrained `init_cfg` with this checkpoint. */
  pretrained?: string | null;
  /** `augments` and `probs`: the batch augments of training (Mixup, CutMix...), handed to the preprocessor. */
  train_cfg?: RandomBatchAugmentOptions | { augments?: undefined } | null;
  data_preprocessor?: (ClsDataPreprocessorOptions & { type?: string }) | AnyModule | null;
  init_cfg?: InitConfigInput;
}

/** Where {@link ImageClassifier.extractFeat} stops. */
export type FeatureStage = 'backbone' | 'neck' | 'pre_logits';

/**
 * MMPretrain's `ImageClassifier`: backbone, optional neck and head, with typed methods instead of
 * a mode string: `extractFeat`, `loss` (training), `predict` (inference) and `forward` (raw
 * class scores).
 *
 * @example
 * const model = registries.models.build({
 *   type: 'ImageClassifier',
 *   backbone: { type: 'ResNet', depth: 18 },
 *   neck: { type: 'GlobalAveragePooling' },
 *   head: { type: 'LinearClsHead', num_classes: 10, in_channels: 512 },
 * }) as ImageClassifier;
 */
export class ImageClassifier extends BaseModule<[Tensor], Tensor> {
  readonly backbone: AnyModule;
  readonly neck: AnyModule | null;
  readonly head: ClassifierHead | null;
  readonly dataPreprocessor: AnyModule;

  constructor(options: ImageClassifierOptions, context?: BuildContext) {
    super(options.pretrained ? { type: 'Pretrained', checkpoint: options.pretrained } : options.init_cfg);
    let preprocessor = options.data_preprocessor ?? {};
    if (options.train_cfg?.augments) {
      // As MMPretrain: `train_cfg` with augments becomes the preprocessor's `batch_augments`.
      if (preprocessor instanceof Module) throw new Error('ImageClassifier: train_cfg.augments needs a data_preprocessor config, not a built module');
      preprocessor = { ...preprocessor, batch_augments: options.train_cfg as RandomBatchAugmentOptions };
    }
    const { type: preprocessorType, ...preprocessorOptions } = preprocessor as ClsDataPreprocessorOptions & { type?: string };
    this.dataPreprocessor = this.registerModule(
      'data_preprocessor',
      preprocessor instanceof Module || (preprocessorType !== undefined && preprocessorType !== 'ClsDataPreprocessor')
        ? buildSubmodule(preprocessor as BuildConfig, context, 'ImageClassifier.data_preprocessor')
        : new ClsDataPreprocessor(preprocessorOptions, context),
    );
    this.backbone = this.registerModule('backbone', buildSubmodule(options.backbone, context, 'ImageClassifier.backbone'));
    this.neck = this.registerModule('neck', options.neck ? buildSubmodule(options.neck, context, 'ImageClassifier.neck') : null);
    this.head = this.registerModule('head', options.head ? buildSubmodule<ClassifierHead>(options.head, context, 'ImageClassifier.head') : null);
  }

  /** The features at a stage: the backbone's outputs, after the neck, or the head's pre-logits. */
  extractFeat(inputs: Tensor, stage: FeatureStage = 'neck'): Tensor[] {
    if (stage === 'pre_logits' && !this.head) throw new Error('ImageClassifier.extractFeat: stage "pre_logits" needs a head');
    return tidy(() => {
      const backboneOutput = asList(this.backbone.forward(inputs));
      if (stage === 'backbone') return backboneOutput;
      const feats = this.neck ? asList(this.neck.forward(backboneOutput)) : backboneOutput;
      if (stage === 'neck') return feats;
      return [(this.head as ClassifierHead).preLogits(feats)];
    });
  }

  /**
   * MMPretrain's `get_layer_depth` (layer-wise learning-rate decay): the backbone's depth of a
   * parameter of this classifier (`backbone.layers.3...`); parameters outside the backbone get the
   * last depth. An error when the backbone does not define layer depths.
   */
  getLayerDepth(parameterName: string): [number, number] {
    const backbone = this.backbone as AnyModule & { getLayerDepth?: (name: string, prefix?: string) => [number, number] };
    if (typeof backbone.getLayerDepth !== 'function') {
      throw new TypeError(`ImageClassifier.getLayerDepth: the backbone ${this.backbone.constructor.name} does not define layer depths (VisionTransformer does)`);
    }
    return backbone.getLayerDepth(parameterName, 'backbone.');
  }

  /** The class scores (logits) of a preprocessed batch. */
  forward(inputs: Tensor): Tensor {
    const head = this.requireHead('forward');
    return tidy(() => head.forward(this.extractFeat(inputs)));
  }

  /** The training losses of a preprocessed batch. */
  loss(inputs: Tensor, dataSamples: readonly DataSample[]): LossDict {
    const head = this.requireHead('loss');
    return tidy(() => head.loss(this.extractFeat(inputs), dataSamples));
  }

  /** Predictions (scores and labels) for a preprocessed batch, written into data samples. */
  async predict(inputs: Tensor, dataSamples?: readonly DataSample[]): Promise<DataSample[]> {
    const head = this.requireHead('predict');
    const feats = this.extractFeat(inputs);
    try {
      return await head.predict(feats, dataSamples);
    } finally {
      for (const tensor of feats) tensor.dispose();
    }
  }

  private requireHead(method: string): ClassifierHead {
    if (!this.head) throw new Error(`ImageClassifier.${method}: the model has no head`);
    return this.head;
  }
}

function asList(value: unknown): Tensor[] {
  return Array.isArray(value) ? (value as Tensor[]) : [value as Tensor];
}
