import type { BuildContext } from '@mmpt/registry';
import { Linear, type Tensor, add, div, tidy } from '@mmpt/tensor';
import { VisionTransformerClsHead, type VisionTransformerClsHeadOptions } from './vision-transformer-cls-head';

/**
 * MMPretrain's `DeiTClsHead` for DistilledVisionTransformer: a second classifier
 * `layers.head_dist` on the distillation token; the score is the mean of both classifiers. It
 * takes the last two features (the class and distillation tokens).
 */
export class DeiTClsHead extends VisionTransformerClsHead {
  readonly headDist: Linear;

  constructor(options: VisionTransformerClsHeadOptions, context?: BuildContext) {
    super(options, context);
    this.headDist = new Linear(this.hiddenDim ?? this.inChannels, this.numClasses);
    this.layers.set('head_dist', this.headDist);
  }

  /** The class token and the distillation token (the last two features), through the hidden layer. */
  preLogitsPair(feats: Tensor[]): [Tensor, Tensor] {
    if (feats.length < 2) throw new Error(`DeiTClsHead: expects the class and distillation tokens (2 features), got ${feats.length}`);
    return [this.hidden(feats[feats.length - 2] as Tensor), this.hidden(feats[feats.length - 1] as Tensor)];
  }

  /** The class token's pre-logits (as the features of the model). */
  override preLogits(feats: Tensor[]): Tensor {
    return tidy(() => this.preLogitsPair(feats)[0]);
  }

  override forward(feats: Tensor[]): Tensor {
    return tidy(() => {
      const [clsToken, distToken] = this.preLogitsPair(feats);
      return div(add(this.head.forward(clsToken), this.headDist.forward(distToken)), 2);
    });
  }
}
