import type { BuildConfig, BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import type { AnyModule, Tensor } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { ClsDataPreprocessor, type ClsDataPreprocessorOptions } from '../data-preprocessors/cls-data-preprocessor';
import type { ClsHead, LossDict } from '../heads/cls-head';
import type { InitConfigInput } from '../init/init-config';
import { buildSubmodule } from '../utils/build-submodule';

/** The options of {@link ImageClassifier}, as MMPretrain's. */
export interface ImageClassifierOptions {
  backbone: BuildConfig | AnyModule;
  neck?: BuildConfig | AnyModule | null;
  head?: BuildConfig | AnyModule | null;
  /** Shorthand for a Pretrained `init_cfg` with this checkpoint. */
  pretrained?: string | null;
  /** `augments`: the batch augments of training (Mixup, CutMix...), handed to the preprocessor. */
  train_cfg?: { augments?: unknown } | null;
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
  readonly head: ClsHead | null;
  readonly dataPreprocessor: AnyModule;

  constructor(options: ImageClassifierOptions, context?: BuildContext) {
    super(options.pretrained ? { type: 'Pretrained', checkpoint: options.pretrained } : options.init_cfg);
    const preprocessor = options.data_preprocessor ?? {};
    const { type: preprocessorType, ...preprocessorOptions } = preprocessor as ClsDataPreprocessorOptions & { type?: string };
    this.dataPreprocessor = this.registerModule(
      'data_preprocessor',
      preprocessor instanceof ClsDataPreprocessor || (preprocessorType !== undefined && preprocessorType !== 'ClsDataPreprocessor')
        ? buildSubmodule(preprocessor as BuildConfig, context, 'ImageClassifier.data_preprocessor')
        : new ClsDataPreprocessor(preprocessorOptions),
    );
    if (options.train_cfg?.augments) {
      throw new Error('ImageClassifier: train_cfg.augments (batch augments such as Mixup) are not available yet in this version');
    }
    this.backbone = this.registerModule('backbone', buildSubmodule(options.backbone, context, 'ImageClassifier.backbone'));
    this.neck = this.registerModule('neck', options.neck ? buildSubmodule(options.neck, context, 'ImageClassifier.neck') : null);
    this.head = this.registerModule('head', options.head ? buildSubmodule<ClsHead>(options.head, context, 'ImageClassifier.head') : null);
  }

  /** The features at a stage: the backbone's outputs, after the neck, or the head's pre-logits. */
  extractFeat(inputs: Tensor, stage: FeatureStage = 'neck'): Tensor[] {
    const backboneOutput = asList(this.backbone.forward(inputs));
    if (stage === 'backbone' || !this.neck) {
      if (stage === 'pre_logits' && this.head) return [this.head.preLogits(backboneOutput)];
      return backboneOutput;
    }
    const neckOutput = asList(this.neck.forward(backboneOutput));
    for (const tensor of backboneOutput) if (!neckOutput.includes(tensor)) tensor.dispose();
    if (stage === 'neck') return neckOutput;
    if (!this.head) throw new Error('ImageClassifier.extractFeat: stage "pre_logits" needs a head');
    return [this.head.preLogits(neckOutput)];
  }

  /** The class scores (logits) of a preprocessed batch. */
  forward(inputs: Tensor): Tensor {
    const head = this.requireHead('forward');
    const feats = this.extractFeat(inputs);
    const scores = head.forward(feats);
    for (const tensor of feats) if (tensor !== scores) tensor.dispose();
    return scores;
  }

  /** The training losses of a preprocessed batch. */
  loss(inputs: Tensor, dataSamples: readonly DataSample[]): LossDict {
    const head = this.requireHead('loss');
    const feats = this.extractFeat(inputs);
    const losses = head.loss(feats, dataSamples);
    for (const tensor of feats) tensor.dispose();
    return losses;
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

  private requireHead(method: string): ClsHead {
    if (!this.head) throw new Error(`ImageClassifier.${method}: the model has no head`);
    return this.head;
  }
}

function asList(value: unknown): Tensor[] {
  return Array.isArray(value) ? (value as Tensor[]) : [value as Tensor];
}
