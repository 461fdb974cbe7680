import type { BuildContext } from '@mmpt/registry';
import { ClsHead, type ClsHeadOptions } from '@mmpt/models';
import { Linear, Tanh, type Tensor } from '@mmpt/tensor';

/** The options of the guide's simplified head. */
export interface SimpleViTHeadOptions extends ClsHeadOptions {
  num_classes: number;
  in_channels: number;
  hidden_dim: number;
}

/**
 * The guide's simplified `VisionTransformerClsHead`: `preLogits` does every layer but the last
 * (fc1 and tanh on the class token), `forward` adds the final classification layer.
 */
export class SimpleViTClsHead extends ClsHead {
  readonly fc1: Linear;
  readonly act: Tanh;
  readonly fc2: Linear;

  constructor(options: SimpleViTHeadOptions, context?: BuildContext) {
    super(options, context);
    this.fc1 = this.registerModule('fc1', new Linear(options.in_channels, options.hidden_dim));
    this.act = this.registerModule('act', new Tanh());
    this.fc2 = this.registerModule('fc2', new Linear(options.hidden_dim, options.num_classes));
  }

  override preLogits(feats: Tensor[]): Tensor {
    // The output of the backbone is a list over depths; classification needs the last one. (With
    // a ViT backbone of out_type 'cls_token' that last output is the class token.)
    const clsToken = feats[feats.length - 1] as Tensor;
    const hidden = this.fc1.forward(clsToken);
    const activated = this.act.forward(hidden);
    hidden.dispose();
    return activated;
  }

  override forward(feats: Tensor[]): Tensor {
    const preLogits = this.preLogits(feats);
    // The final classification linear layer.
    const clsScore = this.fc2.forward(preLogits);
    preLogits.dispose();
    return clsScore;
  }
}
