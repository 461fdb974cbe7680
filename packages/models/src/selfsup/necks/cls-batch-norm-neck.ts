import { BatchNorm1d, type Tensor } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import type { InitConfigInput } from '../../init/init-config';

/** The options of {@link ClsBatchNormNeck}, as MMPretrain's. */
export interface ClsBatchNormNeckOptions {
  input_features: number;
  /** Learnable scale and shift. Default false. */
  affine?: boolean;
  /** Default 1e-6. */
  eps?: number;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `ClsBatchNormNeck`, MAE's linear-probing neck: a BatchNorm1d (`bn`, without affine
 * parameters by default) over each feature `[N, C]` (the class token) before the linear head.
 */
export class ClsBatchNormNeck extends BaseModule<[Tensor[]], Tensor[]> {
  readonly bn: BatchNorm1d;

  constructor(options: ClsBatchNormNeckOptions) {
    super(options.init_cfg);
    this.bn = this.registerModule('bn', new BatchNorm1d(options.input_features, { affine: options.affine ?? false, eps: options.eps ?? 1e-6 }));
  }

  forward(inputs: Tensor[]): Tensor[] {
    return inputs.map((input) => this.bn.forward(input));
  }
}
