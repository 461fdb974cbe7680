import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, type Tensor, arange, div, matmul, normalize, tidy, transpose } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildSubmodule } from '../../utils/build-submodule';
import { firstFeature } from '../utils/as-feature-list';

/** The options of {@link MoCoV3Head}, as MMPretrain's. */
export interface MoCoV3HeadOptions {
  /** The predictor, any neck (a NonLinearNeck). */
  predictor: BuildConfig | AnyModule;
  /** The loss, MMPretrain's configs use `{ type: 'CrossEntropyLoss', loss_weight: 2 * temperature }`. */
  loss: BuildConfig | AnyModule;
  /** Divides the similarities. Default 1. */
  temperature?: number;
}

/**
 * MMPretrain's `MoCoV3Head`: predicts from the base encoder's features, L2-normalises the
 * prediction and the momentum encoder's features, and scores `pred · targetᵀ / temperature`
 * `[N, N]` with the loss module against the diagonal (each sample's own key is its positive;
 * the other samples of the batch are the negatives).
 */
export class MoCoV3Head extends BaseModule<[Tensor, Tensor], Tensor> {
  readonly predictor: AnyModule;
  readonly lossModule: AnyModule;
  readonly temperature: number;

  constructor(options: MoCoV3HeadOptions, context?: BuildContext) {
    super();
    this.predictor = this.registerModule('predictor', buildSubmodule(options.predictor, context, 'MoCoV3Head.predictor'));
    this.lossModule = this.registerModule('loss_module', buildSubmodule(options.loss, context, 'MoCoV3Head.loss'));
    this.temperature = options.temperature ?? 1;
    if (!(this.temperature > 0)) throw new RangeError(`MoCoV3Head: temperature must be positive, got ${this.temperature}`);
  }

  /** The loss of the base encoder's `[N, C]` features against the momentum encoder's `[N, C]`. */
  loss(baseOut: Tensor, momentumOut: Tensor): Tensor {
    return tidy(() => {
      const pred = normalize(firstFeature(this.predictor.forward([baseOut]), 'MoCoV3Head.predictor'), { axis: 1 });
      const target = normalize(momentumOut, { axis: 1 });
      const logits = div(matmul(pred, transpose(target, 0, 1)), this.temperature);
      const labels = arange(0, logits.shape[0] as number, 1, { dtype: 'int32', backend: logits.backend });
      return this.lossModule.forward(logits, labels) as Tensor;
    });
  }

  forward(baseOut: Tensor, momentumOut: Tensor): Tensor {
    return this.loss(baseOut, momentumOut);
  }
}
