import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, type Tensor, detach, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import type { InitConfigInput } from '../../init/init-config';
import { buildSubmodule } from '../../utils/build-submodule';
import { firstFeature } from '../utils/as-feature-list';

/** The options of {@link LatentPredictHead}, as MMPretrain's. */
export interface LatentPredictHeadOptions {
  /** The similarity loss, usually `{ type: 'CosineSimilarityLoss' }`. */
  loss: BuildConfig | AnyModule;
  /** The predictor, any neck (a NonLinearNeck for BYOL and SimSiam). */
  predictor: BuildConfig | AnyModule;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `LatentPredictHead` (BYOL, SimSiam): a `predictor` maps the online features to a
 * prediction of the target features, and the loss compares them with the target detached (no
 * gradient flows into the target branch).
 */
export class LatentPredictHead extends BaseModule<[Tensor, Tensor], Tensor> {
  readonly lossModule: AnyModule;
  readonly predictor: AnyModule;

  constructor(options: LatentPredictHeadOptions, context?: BuildContext) {
    super(options.init_cfg);
    this.lossModule = this.registerModule('loss_module', buildSubmodule(options.loss, context, 'LatentPredictHead.loss'));
    this.predictor = this.registerModule('predictor', buildSubmodule(options.predictor, context, 'LatentPredictHead.predictor'));
  }

  /** The loss between the prediction from `input` `[N, C]` and `target` `[N, C]`. */
  loss(input: Tensor, target: Tensor): Tensor {
    return tidy(() => {
      const pred = firstFeature(this.predictor.forward([input]), 'LatentPredictHead.predictor');
      return this.lossModule.forward(pred, detach(target)) as Tensor;
    });
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return this.loss(input, target);
  }
}
