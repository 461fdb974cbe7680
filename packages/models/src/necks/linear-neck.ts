import { type AnyModule, Linear, type Tensor, flatten, mean, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { buildActivationLayer } from '../builders/build-activation-layer';
import { buildNormLayer } from '../builders/build-norm-layer';
import type { LayerConfig } from '../builders/layer-config';
import type { InitConfigInput } from '../init/init-config';

/** The options of {@link LinearNeck}, as MMPretrain's. */
export interface LinearNeckOptions {
  in_channels: number;
  out_channels: number;
  /** Spatial axes averaged first: 0 (none, the default), 1, 2 or 3. */
  gap_dim?: 0 | 1 | 2 | 3;
  /** Default `{ type: 'BN1d' }`; null for none. */
  norm_cfg?: LayerConfig | null;
  act_cfg?: LayerConfig | null;
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `LinearNeck`: on the last feature, optional global average pooling (`gap_dim`),
 * a Linear `fc`, then `norm` (BatchNorm1d by default) and `act`. Returns one feature.
 */
export class LinearNeck extends BaseModule<[Tensor[] | Tensor], Tensor[]> {
  readonly gapDim: number;
  readonly fc: Linear;
  readonly norm: AnyModule | null;
  readonly act: AnyModule | null;

  constructor(options: LinearNeckOptions) {
    super(options.init_cfg);
    this.gapDim = options.gap_dim ?? 0;
    if (![0, 1, 2, 3].includes(this.gapDim)) throw new RangeError(`LinearNeck: gap_dim must be 0, 1, 2 or 3, got ${this.gapDim}`);
    this.fc = this.registerModule('fc', new Linear(options.in_channels, options.out_channels));
    const norm = options.norm_cfg === undefined ? { type: 'BN1d' } : options.norm_cfg;
    this.norm = this.registerModule('norm', norm ? buildNormLayer(norm, options.out_channels)[1] : null);
    this.act = this.registerModule('act', options.act_cfg ? buildActivationLayer(options.act_cfg) : null);
  }

  forward(inputs: Tensor[] | Tensor): Tensor[] {
    const input = Array.isArray(inputs) ? inputs[inputs.length - 1] : inputs;
    if (!input) throw new Error('LinearNeck: received no features');
    return [
      tidy(() => {
        const expectedRank = this.gapDim + 2;
        if (this.gapDim > 0 && input.rank !== expectedRank) throw new RangeError(`LinearNeck: gap_dim ${this.gapDim} expects rank ${expectedRank} inputs, got [${input.shape.join(', ')}]`);
        const pooled = this.gapDim > 0 ? mean(input, Array.from({ length: this.gapDim }, (_, axis) => axis + 2)) : input;
        let out = this.fc.forward(flatten(pooled, 1));
        if (this.norm) out = this.norm.forward(out) as Tensor;
        if (this.act) out = this.act.forward(out) as Tensor;
        return out;
      }),
    ];
  }
}
