import type { BuildContext } from '@mmpt/registry';
import { type AnyModule, Linear, ModuleDict, type Tensor, init, noGrad, tidy } from '@mmpt/tensor';
import { buildActivationLayer } from '../builders/build-activation-layer';
import type { LayerConfig } from '../builders/layer-config';
import type { PretrainedLoader } from '../init/initialize';
import { ClsHead, type ClsHeadOptions } from './cls-head';

/** The options of {@link VisionTransformerClsHead}, as MMPretrain's. */
export interface VisionTransformerClsHeadOptions extends ClsHeadOptions {
  num_classes: number;
  in_channels: number;
  /** A hidden layer (`layers.pre_logits` + activation) before the classifier; none by default. */
  hidden_dim?: number | null;
  /** The activation of the hidden layer (default Tanh). */
  act_cfg?: LayerConfig;
}

/**
 * MMPretrain's `VisionTransformerClsHead`: `layers.head` (a Linear) on the class token, after an
 * optional `layers.pre_logits` Linear and activation (`hidden_dim`). Linear layers start at zero
 * (`init_cfg` Constant 0); the hidden layer is LeCun-normal initialised.
 */
export class VisionTransformerClsHead extends ClsHead {
  readonly numClasses: number;
  readonly inChannels: number;
  readonly hiddenDim: number | null;
  readonly layers: ModuleDict;
  readonly head: Linear;
  readonly preLogitsLayer: Linear | null;
  readonly act: AnyModule | null;

  constructor(options: VisionTransformerClsHeadOptions, context?: BuildContext) {
    super({ ...options, init_cfg: options.init_cfg === undefined ? { type: 'Constant', layer: 'Linear', val: 0 } : options.init_cfg }, context);
    if (!(options.num_classes > 0)) throw new RangeError(`${this.constructor.name}: num_classes must be a positive integer, got ${options.num_classes}`);
    this.numClasses = options.num_classes;
    this.inChannels = options.in_channels;
    this.hiddenDim = options.hidden_dim ?? null;
    this.preLogitsLayer = this.hiddenDim === null ? null : new Linear(this.inChannels, this.hiddenDim);
    this.act = this.hiddenDim === null ? null : buildActivationLayer(options.act_cfg ?? { type: 'Tanh' });
    this.head = new Linear(this.hiddenDim ?? this.inChannels, this.numClasses);
    const entries: Array<[string, AnyModule]> = [];
    if (this.preLogitsLayer && this.act) entries.push(['pre_logits', this.preLogitsLayer], ['act', this.act]);
    entries.push(['head', this.head]);
    this.layers = this.registerModule('layers', new ModuleDict(entries));
  }

  /** After init_cfg, the hidden layer gets TruncNormal(std sqrt(1 / in_features)) weights and zero biases. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    const layer = this.preLogitsLayer;
    if (!layer) return;
    noGrad(() => {
      init.truncatedNormal(layer.weight, { std: Math.sqrt(1 / layer.inFeatures) });
      if (layer.bias) init.constant(layer.bias, 0);
    });
  }

  /** The class token of the last output, through the hidden layer when there is one. */
  override preLogits(feats: Tensor[]): Tensor {
    return this.hidden(super.preLogits(feats));
  }

  /** The hidden layer and its activation (identity without `hidden_dim`). */
  protected hidden(token: Tensor): Tensor {
    if (!this.preLogitsLayer || !this.act) return token;
    const layer = this.preLogitsLayer;
    const act = this.act;
    return tidy(() => act.forward(layer.forward(token)) as Tensor);
  }

  override forward(feats: Tensor[]): Tensor {
    return tidy(() => this.head.forward(this.preLogits(feats)));
  }
}
