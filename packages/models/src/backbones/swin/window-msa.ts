import { type Parameter, Linear, Dropout, type Tensor, add, indexSelect, init, matmul, mul, noGrad, permute, reshape, softmax, squeeze, tensor, tidy, unsqueeze, zeros } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import type { PretrainedLoader } from '../../init/initialize';

/** The options of {@link WindowMSA}, as MMPretrain's. */
export interface WindowMSAOptions {
  embed_dims: number;
  num_heads: number;
  window_size: number;
  qkv_bias?: boolean;
  qk_scale?: number | null;
  attn_drop?: number;
  proj_drop?: number;
}

/**
 * MMPretrain's `WindowMSA`: multi-head self-attention inside windows of `window_size²` tokens with
 * a learned relative position bias (`relative_position_bias_table`, indexed by the buffer
 * `relative_position_index`), and an optional additive mask per window.
 */
export class WindowMSA extends BaseModule<[Tensor, Tensor?], Tensor> {
  readonly embedDims: number;
  readonly numHeads: number;
  readonly windowSize: number;
  readonly scale: number;
  readonly relativePositionBiasTable: Parameter;
  readonly qkv: Linear;
  readonly attnDrop: Dropout;
  readonly proj: Linear;
  readonly projDrop: Dropout;

  constructor(options: WindowMSAOptions) {
    super();
    this.embedDims = options.embed_dims;
    this.numHeads = options.num_heads;
    this.windowSize = options.window_size;
    this.scale = options.qk_scale ?? (this.embedDims / this.numHeads) ** -0.5;
    const window = this.windowSize;
    this.relativePositionBiasTable = this.registerParameter('relative_position_bias_table', zeros([(2 * window - 1) * (2 * window - 1), this.numHeads]));
    // MMPretrain's double_step_seq: index[i][j] = coords[i] + coords[j], flipped along j.
    const coords: number[] = [];
    for (let row = 0; row < window; row++) for (let column = 0; column < window; column++) coords.push(row * (2 * window - 1) + column);
    const count = window * window;
    const index = new Int32Array(count * count);
    for (let i = 0; i < count; i++) for (let j = 0; j < count; j++) index[i * count + (count - 1 - j)] = (coords[i] as number) + (coords[j] as number);
    this.registerBuffer('relative_position_index', tensor(index, { shape: [count, count] }));
    this.qkv = this.registerModule('qkv', new Linear(this.embedDims, this.embedDims * 3, { bias: options.qkv_bias ?? true }));
    this.attnDrop = this.registerModule('attn_drop', new Dropout(options.attn_drop ?? 0));
    this.proj = this.registerModule('proj', new Linear(this.embedDims, this.embedDims));
    this.projDrop = this.registerModule('proj_drop', new Dropout(options.proj_drop ?? 0));
  }

  /** After init_cfg, the bias table ~ TruncNormal(std 0.02), as MMPretrain. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    noGrad(() => init.truncatedNormal(this.relativePositionBiasTable, { std: 0.02 }));
  }

  /** `x` is `[windows * B, N, C]`; `mask`, if any, `[windows, N, N]` (0 or -100). */
  forward(x: Tensor, mask?: Tensor): Tensor {
    return tidy(() => {
      const [batch, length, channels] = x.shape as [number, number, number];
      const heads = this.numHeads;
      const qkv = permute(reshape(this.qkv.forward(x), [batch, length, 3, heads, channels / heads]), [2, 0, 3, 1, 4]);
      const [q, k, v] = [0, 1, 2].map((index) => squeeze(qkv.slice([{ start: index, end: index + 1 }]), 0)) as [Tensor, Tensor, Tensor];
      let attention = matmul(mul(q, this.scale), k, false, true);
      const index = reshape(this.getBuffer('relative_position_index'), [-1]);
      const bias = permute(reshape(indexSelect(this.relativePositionBiasTable, 0, index), [length, length, heads]), [2, 0, 1]);
      attention = add(attention, unsqueeze(bias, 0));
      if (mask) {
        const windows = mask.shape[0] as number;
        attention = reshape(add(reshape(attention, [batch / windows, windows, heads, length, length]), unsqueeze(unsqueeze(mask, 1), 0)), [batch, heads, length, length]);
      }
      attention = this.attnDrop.forward(softmax(attention, -1));
      const out = reshape(permute(matmul(attention, v), [0, 2, 1, 3]), [batch, length, channels]);
      return this.projDrop.forward(this.proj.forward(out));
    });
  }
}
