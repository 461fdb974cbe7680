import { type AnyModule, Dropout, DropPath, Linear, Sequential, type Tensor, add, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { buildActivationLayer } from '../builders/build-activation-layer';
import type { LayerConfig } from '../builders/layer-config';

/** The options of {@link FFN}, as MMCV's. */
export interface FFNOptions {
  embed_dims: number;
  feedforward_channels: number;
  /** Fully connected layers (default 2). */
  num_fcs?: number;
  /** Default GELU. */
  act_cfg?: LayerConfig;
  ffn_drop?: number;
  /** Stochastic depth on the output (MMCV's `dropout_layer: { type: 'DropPath', drop_prob }`). */
  drop_path_rate?: number;
  /** Add the identity (the input, or the `identity` argument) to the output (default true). */
  add_identity?: boolean;
}

/**
 * MMCV's `FFN` (the MLP of transformer layers): `layers` is a Sequential of `num_fcs - 1` blocks
 * (Linear, activation, Dropout) then a Linear and a Dropout, so PyTorch keys read
 * `layers.0.0.weight` and `layers.1.weight`. The output is added to the identity.
 */
export class FFN extends BaseModule<[Tensor, Tensor?], Tensor> {
  readonly layers: Sequential;
  readonly dropoutLayer: DropPath | null;
  readonly addIdentity: boolean;

  constructor(options: FFNOptions) {
    super();
    const numFcs = options.num_fcs ?? 2;
    if (numFcs < 2) throw new RangeError(`FFN: num_fcs must be at least 2, got ${numFcs}`);
    const drop = options.ffn_drop ?? 0;
    const layers: AnyModule[] = [];
    let channels = options.embed_dims;
    for (let index = 0; index < numFcs - 1; index++) {
      const block = [new Linear(channels, options.feedforward_channels), buildActivationLayer(options.act_cfg ?? { type: 'GELU' }), new Dropout(drop)];
      layers.push(new Sequential(...(block as ConstructorParameters<typeof Sequential>)));
      channels = options.feedforward_channels;
    }
    layers.push(new Linear(options.feedforward_channels, options.embed_dims), new Dropout(drop));
    this.layers = this.registerModule('layers', new Sequential(...(layers as ConstructorParameters<typeof Sequential>)));
    const rate = options.drop_path_rate ?? 0;
    this.dropoutLayer = this.registerModule('dropout_layer', rate > 0 ? new DropPath(rate) : null);
    this.addIdentity = options.add_identity ?? true;
  }

  /** The MLP output, plus `identity` (default `x`) when `add_identity`. */
  forward(x: Tensor, identity?: Tensor): Tensor {
    return tidy(() => {
      let out = this.layers.forward(x);
      if (this.dropoutLayer) out = this.dropoutLayer.forward(out);
      return this.addIdentity ? add(identity ?? x, out) : out;
    });
  }
}
