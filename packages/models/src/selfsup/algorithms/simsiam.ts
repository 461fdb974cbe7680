import type { DataSample } from '@mmpt/structures';
import { type Tensor, add, mul, tidy } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor } from '../base-self-supervisor';
import type { LatentPredictHead } from '../heads/latent-predict-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList, firstFeature } from '../utils/as-feature-list';

/**
 * MMPretrain's `SimSiam` (https://arxiv.org/abs/2011.10566): one encoder (backbone and projector
 * neck) for both views; the head's predictor maps each projection towards the other view's
 * (detached) projection: `loss = 0.5 * (loss(z1, z2) + loss(z2, z1))`. (MMPretrain keeps the
 * predictor's learning rate fixed with a hook; here a paramwise config or scheduler does that.)
 */
export class SimSiam extends BaseSelfSupervisor {
  /** The backbone's features of the first view. */
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const first = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!first) throw new Error('SimSiam.extractFeat: no input');
    return asFeatureList(this.backbone.forward(first), 'SimSiam.backbone');
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const [view1, view2] = this.requireViews(inputs, 2) as [Tensor, Tensor];
    const neck = this.requireNeck();
    const head = this.requireHead<LatentPredictHead>();
    return tidy(() => {
      const z1 = firstFeature(neck.forward(asFeatureList(this.backbone.forward(view1), 'SimSiam.backbone')), 'SimSiam.neck');
      const z2 = firstFeature(neck.forward(asFeatureList(this.backbone.forward(view2), 'SimSiam.backbone')), 'SimSiam.neck');
      return { loss: mul(add(head.loss(z1, z2), head.loss(z2, z1)), 0.5) };
    });
  }
}
