import { type AnyModule, type Tensor, add, checkpoint, isGradEnabled, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import { FFN } from '../../layers/ffn';
import { ShiftWindowMSA } from './shift-window-msa';

/** The options of {@link SwinBlock}, as MMPretrain's. */
export interface SwinBlockOptions {
  embed_dims: number;
  num_heads: number;
  window_size?: number;
  /** Shift the windows by half a window. */
  shift?: boolean;
  ffn_ratio?: number;
  drop_path?: number;
  pad_small_map?: boolean;
  norm_cfg?: LayerConfig;
  /** Recompute the block in backward instead of keeping its activations (gradient checkpointing). */
  with_cp?: boolean;
}

/** MMPretrain's `SwinBlock`: `x + attn(norm1(x))`, then `x + ffn(norm2(x))` (window attention, shifted in odd blocks). */
export class SwinBlock extends BaseModule<[Tensor, [number, number]], Tensor> {
  readonly withCp: boolean;
  readonly norm1: AnyModule;
  readonly attn: ShiftWindowMSA;
  readonly norm2: AnyModule;
  readonly ffn: FFN;

  constructor(options: SwinBlockOptions) {
    super();
    this.withCp = options.with_cp ?? false;
    const window = options.window_size ?? 7;
    const normConfig = options.norm_cfg ?? { type: 'LN' };
    const dropPath = options.drop_path ?? 0;
    this.norm1 = this.registerModule('norm1', buildNormLayer(normConfig, options.embed_dims)[1]);
    this.attn = this.registerModule(
      'attn',
      new ShiftWindowMSA({
        embed_dims: options.embed_dims,
        num_heads: options.num_heads,
        window_size: window,
        shift_size: options.shift ? Math.floor(window / 2) : 0,
        drop_path_rate: dropPath,
        pad_small_map: options.pad_small_map ?? false,
      }),
    );
    this.norm2 = this.registerModule('norm2', buildNormLayer(normConfig, options.embed_dims)[1]);
    this.ffn = this.registerModule(
      'ffn',
      new FFN({ embed_dims: options.embed_dims, feedforward_channels: Math.trunc(options.embed_dims * (options.ffn_ratio ?? 4)), drop_path_rate: dropPath }),
    );
  }

  forward(x: Tensor, size: [number, number]): Tensor {
    // As MMPretrain: checkpointed only when the input takes part in a recorded graph.
    if (this.withCp && x.requiresGrad && isGradEnabled()) return checkpoint((input) => this.innerForward(input, size), [x]);
    return this.innerForward(x, size);
  }

  private innerForward(x: Tensor, size: [number, number]): Tensor {
    return tidy(() => {
      const attended = add(x, this.attn.forward(this.norm1.forward(x) as Tensor, size));
      return this.ffn.forward(this.norm2.forward(attended) as Tensor, attended);
    });
  }
}
