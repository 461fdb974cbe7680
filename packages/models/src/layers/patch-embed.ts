import { type AnyModule, type Tensor, flatten, pad, tidy, transpose } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { buildConvLayer } from '../builders/build-conv-layer';
import { buildNormLayer } from '../builders/build-norm-layer';
import type { LayerConfig } from '../builders/layer-config';

/** The options of {@link PatchEmbed}, as MMCV's `PatchEmbed`. */
export interface PatchEmbedOptions {
  in_channels?: number;
  embed_dims?: number;
  kernel_size?: number;
  /** Default `kernel_size`. */
  stride?: number;
  /** `'corner'` (default) pads the bottom and right so the patches cover the input; a number pads evenly. */
  padding?: number | 'corner';
  bias?: boolean;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig | null;
  /** The usual input size, from which `initOutSize` (the patch grid) is computed. */
  input_size?: number | [number, number] | null;
}

/**
 * MMCV's `PatchEmbed`: a strided conv `projection` (with `'corner'` adaptive padding, so any input
 * size works), flattened to tokens, then an optional `norm`. `forward` returns the tokens `[B, L, C]`
 * and the patch grid `[h, w]`.
 */
export class PatchEmbed extends BaseModule<[Tensor], [Tensor, [number, number]]> {
  readonly projection: AnyModule;
  readonly norm: AnyModule | null;
  readonly kernelSize: number;
  readonly stride: number;
  readonly adaptivePadding: boolean;
  /** The patch grid of `input_size` (null when no input size was given). */
  readonly initOutSize: [number, number] | null;

  constructor(options: PatchEmbedOptions = {}) {
    super();
    const embedDims = options.embed_dims ?? 768;
    this.kernelSize = options.kernel_size ?? 16;
    this.stride = options.stride ?? this.kernelSize;
    const padding = options.padding ?? 'corner';
    this.adaptivePadding = padding === 'corner';
    this.projection = this.registerModule(
      'projection',
      buildConvLayer(options.conv_cfg ?? null, options.in_channels ?? 3, embedDims, this.kernelSize, {
        stride: this.stride,
        padding: padding === 'corner' ? 0 : padding,
        bias: options.bias ?? true,
      }),
    );
    this.norm = this.registerModule('norm', options.norm_cfg ? buildNormLayer(options.norm_cfg, embedDims)[1] : null);
    const size = options.input_size ?? null;
    if (size === null) this.initOutSize = null;
    else {
      const [height, width] = typeof size === 'number' ? [size, size] : size;
      this.initOutSize = [this.outputLength(height, padding), this.outputLength(width, padding)];
    }
  }

  private outputLength(size: number, padding: number | 'corner'): number {
    const padded = padding === 'corner' ? size + this.cornerPadding(size) : size + 2 * padding;
    return Math.floor((padded - this.kernelSize) / this.stride) + 1;
  }

  /** The bottom/right padding of MMCV's AdaptivePadding('corner') for one side length. */
  private cornerPadding(size: number): number {
    const outputs = Math.ceil(size / this.stride);
    return Math.max((outputs - 1) * this.stride + this.kernelSize - size, 0);
  }

  forward(x: Tensor): [Tensor, [number, number]] {
    return tidy(() => {
      let input = x;
      if (this.adaptivePadding) {
        const bottom = this.cornerPadding(x.shape[2] as number);
        const right = this.cornerPadding(x.shape[3] as number);
        if (bottom > 0 || right > 0) input = pad(x, [0, right, 0, bottom]);
      }
      const projected = this.projection.forward(input) as Tensor;
      const grid: [number, number] = [projected.shape[2] as number, projected.shape[3] as number];
      let tokens = transpose(flatten(projected, 2), 1, 2);
      if (this.norm) tokens = this.norm.forward(tokens) as Tensor;
      return [tokens, grid];
    });
  }
}
