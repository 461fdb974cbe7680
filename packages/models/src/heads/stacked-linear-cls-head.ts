import type { BuildContext } from '@mmpt/registry';
import { type AnyModule, Dropout, Linear, ModuleList, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { buildActivationLayer } from '../builders/build-activation-layer';
import { buildNormLayer } from '../builders/build-norm-layer';
import type { LayerConfig } from '../builders/layer-config';
import { ClsHead, type ClsHeadOptions } from './cls-head';

/** One block of {@link StackedLinearClsHead}: `fc`, then optional `norm`, `act` and `dropout`. */
export class LinearBlock extends BaseModule {
  readonly fc: Linear;
  readonly norm: AnyModule | null;
  readonly act: AnyModule | null;
  readonly dropout: Dropout | null;

  constructor(inChannels: number, outChannels: number, options: { dropout_rate?: number; norm_cfg?: LayerConfig | null; act_cfg?: LayerConfig | null } = {}) {
    super();
    this.fc = this.registerModule('fc', new Linear(inChannels, outChannels));
    this.norm = this.registerModule('norm', options.norm_cfg ? buildNormLayer(options.norm_cfg, outChannels)[1] : null);
    this.act = this.registerModule('act', options.act_cfg ? buildActivationLayer(options.act_cfg) : null);
    const rate = options.dropout_rate ?? 0;
    this.dropout = this.registerModule('dropout', rate > 0 ? new Dropout(rate) : null);
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      let out = this.fc.forward(x);
      for (const layer of [this.norm, this.act, this.dropout]) if (layer) out = layer.forward(out) as Tensor;
      return out;
    });
  }
}

/** The options of {@link StackedLinearClsHead}, as MMPretrain's. */
export interface StackedLinearClsHeadOptions extends ClsHeadOptions {
  num_classes: number;
  in_channels: number;
  /** The channels of the hidden layers. */
  mid_channels: number[];
  /** Dropout after each hidden layer. */
  dropout_rate?: number;
  /** A norm after each hidden layer (BN1d, LN...); none by default. */
  norm_cfg?: LayerConfig | null;
  /** The activation after each hidden layer (default ReLU). */
  act_cfg?: LayerConfig | null;
}

/**
 * MMPretrain's `StackedLinearClsHead`: hidden LinearBlocks (`layers.0`, ...) then a last LinearBlock
 * (the classifier `fc`), as MobileNetV3 uses.
 */
export class StackedLinearClsHead extends ClsHead {
  readonly numClasses: number;
  readonly inChannels: number;
  readonly layers: ModuleList;

  constructor(options: StackedLinearClsHeadOptions, context?: BuildContext) {
    super(options, context);
    if (!(options.num_classes > 0)) throw new RangeError(`StackedLinearClsHead: num_classes=${options.num_classes} must be a positive integer`);
    if (!Array.isArray(options.mid_channels) || options.mid_channels.length === 0) {
      throw new TypeError(`StackedLinearClsHead: mid_channels must be a non-empty list, got ${JSON.stringify(options.mid_channels)}`);
    }
    this.numClasses = options.num_classes;
    this.inChannels = options.in_channels;
    const blocks: LinearBlock[] = [];
    let channels = options.in_channels;
    const act = options.act_cfg === undefined ? { type: 'ReLU' } : options.act_cfg;
    for (const hidden of options.mid_channels) {
      blocks.push(new LinearBlock(channels, hidden, { dropout_rate: options.dropout_rate ?? 0, norm_cfg: options.norm_cfg ?? null, act_cfg: act }));
      channels = hidden;
    }
    blocks.push(new LinearBlock(channels, options.num_classes));
    this.layers = this.registerModule('layers', new ModuleList(blocks));
  }

  /** The classifier: the last LinearBlock. */
  get fc(): LinearBlock {
    const blocks = this.layers.children();
    return blocks[blocks.length - 1] as LinearBlock;
  }

  /** The last feature through the hidden blocks. */
  override preLogits(feats: Tensor[]): Tensor {
    const blocks = this.layers.children();
    return tidy(() => blocks.slice(0, -1).reduce((x, block) => block.forward(x) as Tensor, super.preLogits(feats)));
  }

  override forward(feats: Tensor[]): Tensor {
    return tidy(() => this.fc.forward(this.preLogits(feats)));
  }
}
