import type { BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { type Tensor, add, noGrad, tidy } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor, type BaseSelfSupervisorOptions } from '../base-self-supervisor';
import type { MoCoV3Head } from '../heads/mocov3-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList, firstFeature } from '../utils/as-feature-list';
import { CosineEMA } from '../utils/cosine-ema';
import { FeatureSequential } from '../utils/feature-sequential';
import { buildEncoderCopy } from './momentum-encoder';

/** The options of {@link MoCoV3}, as MMPretrain's. */
export interface MoCoV3Options extends BaseSelfSupervisorOptions {
  /** The start momentum of the momentum encoder's CosineEMA. Default 0.01. */
  base_momentum?: number;
}

/**
 * MMPretrain's `MoCoV3` (https://arxiv.org/abs/2104.02057): the base encoder (backbone and neck)
 * encodes both views; the momentum encoder `momentum_encoder`, a CosineEMA of it, encodes them
 * without gradients; the MoCoV3Head's predictor and in-batch contrastive loss give
 * `loss(q1, k2) + loss(q2, k1)`.
 */
export class MoCoV3 extends BaseSelfSupervisor {
  readonly momentumEncoder: CosineEMA;

  constructor(options: MoCoV3Options, context?: BuildContext) {
    super(options, context);
    this.momentumEncoder = this.registerModule('momentum_encoder', new CosineEMA({ model: buildEncoderCopy(options, context, 'MoCoV3'), momentum: options.base_momentum ?? 0.01 }));
  }

  /** The backbone's features of the first view. */
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const first = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!first) throw new Error('MoCoV3.extractFeat: no input');
    return asFeatureList(this.backbone.forward(first), 'MoCoV3.backbone');
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const [view1, view2] = this.requireViews(inputs, 2) as [Tensor, Tensor];
    const neck = this.requireNeck();
    const head = this.requireHead<MoCoV3Head>();
    return tidy(() => {
      const query = (view: Tensor) => firstFeature(neck.forward(asFeatureList(this.backbone.forward(view), 'MoCoV3.backbone')), 'MoCoV3.neck');
      const q1 = query(view1);
      const q2 = query(view2);
      const [k1, k2] = noGrad(() => {
        this.momentumEncoder.updateParameters(new FeatureSequential([this.backbone, neck]));
        return [firstFeature(this.momentumEncoder.forward(view1), 'MoCoV3.momentum_encoder'), firstFeature(this.momentumEncoder.forward(view2), 'MoCoV3.momentum_encoder')];
      }) as [Tensor, Tensor];
      return { loss: add(head.loss(q1, k2), head.loss(q2, k1)) };
    });
  }
}
