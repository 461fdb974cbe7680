import type { BuildContext } from '@mmpt/registry';
import { Linear, type Tensor } from '@mmpt/tensor';
import { MultiLabelClsHead, type MultiLabelClsHeadOptions } from './multi-label-cls-head';

/** The options of {@link MultiLabelLinearClsHead}, as MMPretrain's. */
export interface MultiLabelLinearClsHeadOptions extends MultiLabelClsHeadOptions {
  num_classes: number;
  in_channels: number;
}

/** MMPretrain's `MultiLabelLinearClsHead`: a Linear `fc` on the last feature, then MultiLabelClsHead's loss and predictions. */
export class MultiLabelLinearClsHead extends MultiLabelClsHead {
  readonly numClasses: number;
  readonly inChannels: number;
  readonly fc: Linear;

  constructor(options: MultiLabelLinearClsHeadOptions, context?: BuildContext) {
    super({ ...options, init_cfg: options.init_cfg === undefined ? { type: 'Normal', layer: 'Linear', std: 0.01 } : options.init_cfg }, context);
    if (!(options.num_classes > 0)) throw new RangeError(`MultiLabelLinearClsHead: num_classes (${options.num_classes}) must be a positive integer`);
    this.numClasses = options.num_classes;
    this.inChannels = options.in_channels;
    this.fc = this.registerModule('fc', new Linear(options.in_channels, options.num_classes));
  }

  override forward(feats: Tensor[]): Tensor {
    return this.fc.forward(this.preLogits(feats));
  }
}
