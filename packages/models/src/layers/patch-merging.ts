import { type AnyModule, Linear, type Tensor, pad, permute, reshape, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { buildNormLayer } from '../builders/build-norm-layer';
import type { LayerConfig } from '../builders/layer-config';

/** The options of {@link PatchMerging}, as MMCV's (2x2 merging). */
export interface PatchMergingOptions {
  in_channels: number;
  out_channels: number;
  bias?: boolean;
  /** Default `{ type: 'LN' }` on the merged `4 * in_channels` features; null for none. */
  norm_cfg?: LayerConfig | null;
}

/**
 * MMCV's `PatchMerging` as Swin Transformer uses it: each 2x2 neighbourhood of a `[B, H*W, C]`
 * token map (padded at the bottom/right when H or W is odd) is concatenated in `nn.Unfold`'s
 * order (channel-major), normalised (`norm`) and projected by `reduction` (no bias).
 */
export class PatchMerging extends BaseModule<[Tensor, [number, number]], [Tensor, [number, number]]> {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly reduction: Linear;
  readonly norm: AnyModule | null;

  constructor(options: PatchMergingOptions) {
    super();
    this.inChannels = options.in_channels;
    this.outChannels = options.out_channels;
    this.reduction = this.registerModule('reduction', new Linear(4 * options.in_channels, options.out_channels, { bias: options.bias ?? false }));
    const norm = options.norm_cfg === undefined ? { type: 'LN' } : options.norm_cfg;
    this.norm = this.registerModule('norm', norm ? buildNormLayer(norm, 4 * options.in_channels)[1] : null);
  }

  forward(x: Tensor, size: [number, number]): [Tensor, [number, number]] {
    const [batch, length, channels] = x.shape as [number, number, number];
    const [height, width] = size;
    if (length !== height * width) throw new RangeError(`PatchMerging: ${length} tokens do not form a ${height}x${width} map`);
    const outHeight = Math.ceil(height / 2);
    const outWidth = Math.ceil(width / 2);
    const merged = tidy(() => {
      let grid = reshape(x, [batch, height, width, channels]);
      if (height % 2 !== 0 || width % 2 !== 0) grid = pad(grid, [0, 0, 0, width % 2, 0, height % 2]);
      const windows = permute(reshape(grid, [batch, outHeight, 2, outWidth, 2, channels]), [0, 1, 3, 5, 2, 4]);
      let out = reshape(windows, [batch, outHeight * outWidth, 4 * channels]);
      if (this.norm) out = this.norm.forward(out) as Tensor;
      return this.reduction.forward(out);
    });
    return [merged, [outHeight, outWidth]];
  }
}
