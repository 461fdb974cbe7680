import { Dropout, DropPath, Linear, type Tensor, add, permute, reshape, scaledDotProductAttention, squeeze, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';

/** The options of {@link MultiheadAttention}, as MMPretrain's `utils.MultiheadAttention`. */
export interface MultiheadAttentionOptions {
  embed_dims: number;
  num_heads: number;
  /** The input features (default `embed_dims`). */
  input_dims?: number;
  attn_drop?: number;
  proj_drop?: number;
  /** Stochastic depth on the output (MMCV's `dropout_layer: { type: 'DropPath', drop_prob }`). */
  drop_path_rate?: number;
  qkv_bias?: boolean;
  /** Overrides the score scale `head_dims ** -0.5`. */
  qk_scale?: number | null;
  proj_bias?: boolean;
  /** Add the (single-head) values to the output. */
  v_shortcut?: boolean;
}

/**
 * MMPretrain's multi-head self-attention of ViT: one `qkv` Linear, scaled dot-product attention
 * per head, and an output `proj` Linear (PyTorch keys `qkv.weight`, `proj.weight`, ...), then
 * dropout and drop path. Input and output are `[B, N, C]`.
 */
export class MultiheadAttention extends BaseModule {
  readonly embedDims: number;
  readonly numHeads: number;
  readonly headDims: number;
  readonly scale: number;
  readonly vShortcut: boolean;
  readonly qkv: Linear;
  readonly attnDrop: number;
  readonly proj: Linear;
  readonly projDrop: Dropout;
  readonly outDrop: DropPath | null;

  constructor(options: MultiheadAttentionOptions) {
    super();
    const { embed_dims: embedDims, num_heads: numHeads } = options;
    if (embedDims % numHeads !== 0) throw new RangeError(`MultiheadAttention: embed_dims ${embedDims} is not divisible by num_heads ${numHeads}`);
    this.embedDims = embedDims;
    this.numHeads = numHeads;
    this.headDims = embedDims / numHeads;
    this.scale = options.qk_scale ?? this.headDims ** -0.5;
    this.vShortcut = options.v_shortcut ?? false;
    this.attnDrop = options.attn_drop ?? 0;
    this.qkv = this.registerModule('qkv', new Linear(options.input_dims ?? embedDims, embedDims * 3, { bias: options.qkv_bias ?? true }));
    this.proj = this.registerModule('proj', new Linear(embedDims, embedDims, { bias: options.proj_bias ?? true }));
    this.projDrop = this.registerModule('proj_drop', new Dropout(options.proj_drop ?? 0));
    const rate = options.drop_path_rate ?? 0;
    this.outDrop = this.registerModule('out_drop', rate > 0 ? new DropPath(rate) : null);
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      const [batch, length] = x.shape as [number, number];
      const qkv = permute(reshape(this.qkv.forward(x), [batch, length, 3, this.numHeads, this.headDims]), [2, 0, 3, 1, 4]);
      const [q, k, v] = [0, 1, 2].map((index) => squeeze(qkv.slice([{ start: index, end: index + 1 }]), 0)) as [Tensor, Tensor, Tensor];
      const attended = scaledDotProductAttention(q, k, v, { scale: this.scale, dropoutP: this.training ? this.attnDrop : 0 });
      let out = this.proj.forward(reshape(permute(attended, [0, 2, 1, 3]), [batch, length, this.embedDims]));
      out = this.projDrop.forward(out);
      if (this.outDrop) out = this.outDrop.forward(out);
      if (this.vShortcut) out = add(squeeze(v, 1), out);
      return out;
    });
  }
}
