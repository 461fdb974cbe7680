import type { BuildContext } from '@mmpt/registry';
import { Linear, type Tensor } from '@mmpt/tensor';
import { ClsHead, type ClsHeadOptions } from './cls-head';

/** The options of {@link LinearClsHead}, as MMPretrain's. */
export interface LinearClsHeadOptions extends ClsHeadOptions {
  num_classes: number;
  in_channels: number;
}

/** MMPretrain's `LinearClsHead`: one fully connected layer `fc` on the last feature. */
export class LinearClsHead extends ClsHead {
  readonly numClasses: number;
  readonly inChannels: number;
  readonly fc: Linear;

  constructor(options: LinearClsHeadOptions, context?: BuildContext) {
    super({ ...options, init_cfg: options.init_cfg === undefined ? { type: 'Normal', layer: 'Linear', std: 0.01 } : options.init_cfg }, context);
    if (!(options.num_classes > 0)) throw new RangeError(`LinearClsHead: num_classes must be positive, got ${options.num_classes}`);
    this.numClasses = options.num_classes;
    this.inChannels = options.in_channels;
    this.fc = this.registerModule('fc', new Linear(options.in_channels, options.num_classes));
  }

  override forward(feats: Tensor[]): Tensor {
    return this.fc.forward(this.preLogits(feats));
  }
}
