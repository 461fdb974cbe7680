import { Linear, ReLU, Sequential, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import type { InitConfigInput } from '../../init/init-config';
import { firstFeature } from '../utils/as-feature-list';
import { poolAndFlatten } from './pool-and-flatten';

/** The options of {@link MoCoV2Neck}, as MMPretrain's. */
export interface MoCoV2NeckOptions {
  in_channels: number;
  hid_channels: number;
  out_channels: number;
  /** Average the backbone's feature map first. Default true. */
  with_avg_pool?: boolean;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `MoCoV2Neck`: `fc-relu-fc` (`mlp.0`, `mlp.2`, with biases) on the pooled,
 * flattened last-stage feature. Returns a one-tensor list.
 */
export class MoCoV2Neck extends BaseModule<[Tensor[]], Tensor[]> {
  readonly withAvgPool: boolean;
  readonly mlp: Sequential;

  constructor(options: MoCoV2NeckOptions) {
    super(options.init_cfg);
    this.withAvgPool = options.with_avg_pool ?? true;
    this.mlp = this.registerModule('mlp', new Sequential(new Linear(options.in_channels, options.hid_channels), new ReLU(), new Linear(options.hid_channels, options.out_channels)));
  }

  forward(inputs: Tensor[]): Tensor[] {
    if (inputs.length !== 1) throw new RangeError(`MoCoV2Neck: expected one feature (out_indices of one stage), got ${inputs.length}`);
    const input = firstFeature(inputs, 'MoCoV2Neck');
    return [tidy(() => this.mlp.forward(poolAndFlatten(input, this.withAvgPool, 'MoCoV2Neck')))];
  }
}
