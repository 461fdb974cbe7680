import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, type Tensor, concat, div, tidy, zeros } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import type { InitConfigInput } from '../../init/init-config';
import { buildSubmodule } from '../../utils/build-submodule';

/** The options of {@link ContrastiveHead}, as MMPretrain's. */
export interface ContrastiveHeadOptions {
  /** The loss, usually `{ type: 'CrossEntropyLoss' }`. */
  loss: BuildConfig | AnyModule;
  /** Divides the similarities (the softmax's concentration). Default 0.1. */
  temperature?: number;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `ContrastiveHead` (SimCLR, MoCo): the InfoNCE loss. The logits are the positive
 * similarity `[N, 1]` followed by the negatives `[N, k]`, divided by the temperature, and the loss
 * module scores them against class 0 (the positive) for every row.
 */
export class ContrastiveHead extends BaseModule<[Tensor, Tensor], Tensor> {
  readonly lossModule: AnyModule;
  readonly temperature: number;

  constructor(options: ContrastiveHeadOptions, context?: BuildContext) {
    super(options.init_cfg);
    this.lossModule = this.registerModule('loss_module', buildSubmodule(options.loss, context, 'ContrastiveHead.loss'));
    this.temperature = options.temperature ?? 0.1;
    if (!(this.temperature > 0)) throw new RangeError(`ContrastiveHead: temperature must be positive, got ${this.temperature}`);
  }

  /** The contrastive loss of positive `[N, 1]` and negative `[N, k]` similarities. */
  loss(pos: Tensor, neg: Tensor): Tensor {
    if (pos.rank !== 2 || pos.shape[1] !== 1 || neg.rank !== 2 || neg.shape[0] !== pos.shape[0]) {
      throw new RangeError(`ContrastiveHead.loss: expected pos [N, 1] and neg [N, k], got pos [${pos.shape.join(', ')}] and neg [${neg.shape.join(', ')}]`);
    }
    return tidy(() => {
      const logits = div(concat([pos, neg], 1), this.temperature);
      const labels = zeros([pos.shape[0] as number], { dtype: 'int32', backend: pos.backend });
      return this.lossModule.forward(logits, labels) as Tensor;
    });
  }

  forward(pos: Tensor, neg: Tensor): Tensor {
    return this.loss(pos, neg);
  }
}
