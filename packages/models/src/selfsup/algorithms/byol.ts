import type { BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { type Tensor, add, mul, noGrad, tidy } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor, type BaseSelfSupervisorOptions } from '../base-self-supervisor';
import type { LatentPredictHead } from '../heads/latent-predict-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList, firstFeature } from '../utils/as-feature-list';
import { CosineEMA } from '../utils/cosine-ema';
import { FeatureSequential } from '../utils/feature-sequential';
import { buildEncoderCopy } from './momentum-encoder';

/** The options of {@link BYOL}, as MMPretrain's. */
export interface BYOLOptions extends BaseSelfSupervisorOptions {
  /** The start momentum of the target network's CosineEMA. Default 0.996 (MMPretrain's configs set 0.01). */
  base_momentum?: number;
}

/**
 * MMPretrain's `BYOL` (https://arxiv.org/abs/2006.07733): the online network (backbone, projector
 * neck, and the head's predictor) predicts the target network's projection of the other view; the
 * target network `target_net` is a CosineEMA of the online backbone and neck. The loss is
 * `2 * (loss(v1 → target v2) + loss(v2 → target v1))` with the head's cosine-similarity loss.
 */
export class BYOL extends BaseSelfSupervisor {
  readonly targetNet: CosineEMA;

  constructor(options: BYOLOptions, context?: BuildContext) {
    super(options, context);
    this.targetNet = this.registerModule('target_net', new CosineEMA({ model: buildEncoderCopy(options, context, 'BYOL'), momentum: options.base_momentum ?? 0.996 }));
  }

  /** The backbone's features of the first view. */
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const first = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!first) throw new Error('BYOL.extractFeat: no input');
    return asFeatureList(this.backbone.forward(first), 'BYOL.backbone');
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const [view1, view2] = this.requireViews(inputs, 2) as [Tensor, Tensor];
    const neck = this.requireNeck();
    const head = this.requireHead<LatentPredictHead>();
    return tidy(() => {
      const online = (view: Tensor) => firstFeature(neck.forward(asFeatureList(this.backbone.forward(view), 'BYOL.backbone')), 'BYOL.neck');
      const onlineV1 = online(view1);
      const onlineV2 = online(view2);
      const [targetV1, targetV2] = noGrad(() => {
        this.targetNet.updateParameters(new FeatureSequential([this.backbone, neck]));
        return [firstFeature(this.targetNet.forward(view1), 'BYOL.target_net'), firstFeature(this.targetNet.forward(view2), 'BYOL.target_net')];
      }) as [Tensor, Tensor];
      const loss1 = head.loss(onlineV1, targetV2);
      const loss2 = head.loss(onlineV2, targetV1);
      return { loss: mul(add(loss1, loss2), 2) };
    });
  }
}
