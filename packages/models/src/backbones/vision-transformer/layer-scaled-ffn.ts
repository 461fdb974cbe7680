import { type Tensor, add, tidy } from '@mmpt/tensor';
import { FFN, type FFNOptions } from '../../layers/ffn';
import { LayerScale } from './layer-scale';

/** The options of {@link LayerScaledFFN}. */
export interface LayerScaledFFNOptions extends FFNOptions {
  /** The initial value of `gamma2` (must be positive). */
  layer_scale_init_value: number;
}

/**
 * MMCV's {@link FFN} with `layer_scale_init_value`: the MLP output is scaled per channel by the
 * LayerScale `gamma2` (state-dict key `gamma2.weight`) before the identity is added. MMCV scales
 * before the drop path; a per-channel scale and a per-sample drop commute, so scaling the dropped
 * output is the same function.
 */
export class LayerScaledFFN extends FFN {
  readonly gamma2: LayerScale;
  readonly addScaledIdentity: boolean;

  constructor(options: LayerScaledFFNOptions) {
    super({ ...options, add_identity: false });
    if (!(options.layer_scale_init_value > 0)) throw new RangeError(`LayerScaledFFN: layer_scale_init_value must be positive, got ${options.layer_scale_init_value}`);
    this.addScaledIdentity = options.add_identity ?? true;
    this.gamma2 = this.registerModule('gamma2', new LayerScale(options.embed_dims, options.layer_scale_init_value));
  }

  override forward(x: Tensor, identity?: Tensor): Tensor {
    return tidy(() => {
      const out = this.gamma2.forward(super.forward(x));
      return this.addScaledIdentity ? add(identity ?? x, out) : out;
    });
  }
}
