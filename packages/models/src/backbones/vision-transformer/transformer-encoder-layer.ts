import { type AnyModule, Linear, type Tensor, add, init, noGrad, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { PretrainedLoader } from '../../init/initialize';
import { FFN } from '../../layers/ffn';
import { MultiheadAttention } from '../../layers/multihead-attention';

/** The options of {@link TransformerEncoderLayer}, as MMPretrain's (ViT). */
export interface TransformerEncoderLayerOptions {
  embed_dims: number;
  num_heads: number;
  feedforward_channels: number;
  drop_rate?: number;
  attn_drop_rate?: number;
  drop_path_rate?: number;
  num_fcs?: number;
  qkv_bias?: boolean;
  act_cfg?: LayerConfig;
  /** Default `{ type: 'LN' }` (VisionTransformer passes eps 1e-6). */
  norm_cfg?: LayerConfig;
}

/** One pre-norm encoder layer of ViT: `x + attn(ln1(x))`, then `x + ffn(ln2(x))`. */
export class TransformerEncoderLayer extends BaseModule {
  readonly ln1: AnyModule;
  readonly attn: MultiheadAttention;
  readonly ln2: AnyModule;
  readonly ffn: FFN;

  constructor(options: TransformerEncoderLayerOptions) {
    super();
    const normConfig = options.norm_cfg ?? { type: 'LN' };
    this.ln1 = this.registerModule('ln1', buildNormLayer(normConfig, options.embed_dims)[1]);
    this.attn = this.registerModule(
      'attn',
      new MultiheadAttention({
        embed_dims: options.embed_dims,
        num_heads: options.num_heads,
        attn_drop: options.attn_drop_rate ?? 0,
        proj_drop: options.drop_rate ?? 0,
        drop_path_rate: options.drop_path_rate ?? 0,
        qkv_bias: options.qkv_bias ?? true,
      }),
    );
    this.ln2 = this.registerModule('ln2', buildNormLayer(normConfig, options.embed_dims)[1]);
    this.ffn = this.registerModule(
      'ffn',
      new FFN({
        embed_dims: options.embed_dims,
        feedforward_channels: options.feedforward_channels,
        num_fcs: options.num_fcs ?? 2,
        ffn_drop: options.drop_rate ?? 0,
        drop_path_rate: options.drop_path_rate ?? 0,
        act_cfg: options.act_cfg ?? { type: 'GELU' },
      }),
    );
  }

  /** MMPretrain's init: Xavier-uniform FFN weights and N(0, 1e-6) FFN biases, after init_cfg. */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    noGrad(() => {
      for (const module of this.ffn.modules()) {
        if (!(module instanceof Linear)) continue;
        init.xavierUniform(module.weight);
        if (module.bias) init.normal(module.bias, { std: 1e-6 });
      }
    });
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      const attended = add(x, this.attn.forward(this.ln1.forward(x) as Tensor));
      return this.ffn.forward(this.ln2.forward(attended) as Tensor, attended);
    });
  }
}
