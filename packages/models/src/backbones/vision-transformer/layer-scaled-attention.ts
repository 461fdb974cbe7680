import { type Tensor, tidy } from '@mmpt/tensor';
import { MultiheadAttention, type MultiheadAttentionOptions } from '../../layers/multihead-attention';
import { LayerScale } from './layer-scale';

/** The options of {@link LayerScaledAttention}. */
export interface LayerScaledAttentionOptions extends Omit<MultiheadAttentionOptions, 'v_shortcut'> {
  /** The initial value of `gamma1` (must be positive). */
  layer_scale_init_value: number;
}

/**
 * ViT's {@link MultiheadAttention} with MMPretrain's `layer_scale_init_value`: the output is
 * scaled per channel by the LayerScale `gamma1` (state-dict key `gamma1.weight`). MMPretrain
 * scales before the drop path; a per-channel scale and a per-sample drop commute, so scaling the
 * result is the same function.
 */
export class LayerScaledAttention extends MultiheadAttention {
  readonly gamma1: LayerScale;

  constructor(options: LayerScaledAttentionOptions) {
    super(options);
    if (!(options.layer_scale_init_value > 0)) throw new RangeError(`LayerScaledAttention: layer_scale_init_value must be positive, got ${options.layer_scale_init_value}`);
    this.gamma1 = this.registerModule('gamma1', new LayerScale(options.embed_dims, options.layer_scale_init_value));
  }

  override forward(x: Tensor): Tensor {
    return tidy(() => this.gamma1.forward(super.forward(x)));
  }
}
