import { type AnyModule, Linear, type Tensor, add, checkpoint, init, isGradEnabled, noGrad, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { PretrainedLoader } from '../../init/initialize';
import { FFN } from '../../layers/ffn';
import { MultiheadAttention } from '../../layers/multihead-attention';
import { LayerScaledAttention } from './layer-scaled-attention';
import { LayerScaledFFN } from './layer-scaled-ffn';

/** The options of {@link TransformerEncoderLayer}, as MMPretrain's (ViT). */
export interface TransformerEncoderLayerOptions {
  embed_dims: number;
  num_heads: number;
  feedforward_channels: number;
  /**
   * The initial value of the LayerScales after the attention (`attn.gamma1`) and the FFN
   * (`ffn.gamma2`); 0 (the default) for none.
   */
  layer_scale_init_value?: number;
  drop_rate?: number;
  attn_drop_rate?: number;
  drop_path_rate?: number;
  num_fcs?: number;
  qkv_bias?: boolean;
  act_cfg?: LayerConfig;
  /** Default `{ type: 'LN' }` (VisionTransformer passes eps 1e-6). */
  norm_cfg?: LayerConfig;
  /**
   * Gradient checkpointing of the layer when its input requires grad (an mmpt option: MMPretrain's
   * ViT layer has none). Default false.
   */
  with_cp?: boolean;
}

/**
 * One pre-norm encoder layer of ViT: `x + attn(ln1(x))`, then `x + ffn(ln2(x))`, each branch
 * scaled by a LayerScale when `layer_scale_init_value` is positive.
 */
export class TransformerEncoderLayer extends BaseModule {
  readonly withCp: boolean;
  readonly ln1: AnyModule;
  readonly attn: MultiheadAttention;
  readonly ln2: AnyModule;
  readonly ffn: FFN;

  constructor(options: TransformerEncoderLayerOptions) {
    super();
    this.withCp = options.with_cp ?? false;
    const normConfig = options.norm_cfg ?? { type: 'LN' };
    const scale = options.layer_scale_init_value ?? 0;
    if (!(scale >= 0)) throw new RangeError(`TransformerEncoderLayer: layer_scale_init_value must be 0 or positive, got ${scale}`);
    this.ln1 = this.registerModule('ln1', buildNormLayer(normConfig, options.embed_dims)[1]);
    const attention = {
      embed_dims: options.embed_dims,
      num_heads: options.num_heads,
      attn_drop: options.attn_drop_rate ?? 0,
      proj_drop: options.drop_rate ?? 0,
      drop_path_rate: options.drop_path_rate ?? 0,
      qkv_bias: options.qkv_bias ?? true,
    };
    this.attn = this.registerModule('attn', scale > 0 ? new LayerScaledAttention({ ...attention, layer_scale_init_value: scale }) : new MultiheadAttention(attention));
    this.ln2 = this.registerModule('ln2', buildNormLayer(normConfig, options.embed_dims)[1]);
    const feedforward = {
      embed_dims: options.embed_dims,
      feedforward_channels: options.feedforward_channels,
      num_fcs: options.num_fcs ?? 2,
      ffn_drop: options.drop_rate ?? 0,
      drop_path_rate: options.drop_path_rate ?? 0,
      act_cfg: options.act_cfg ?? { type: 'GELU' },
    };
    this.ffn = this.registerModule('ffn', scale > 0 ? new LayerScaledFFN({ ...feedforward, layer_scale_init_value: scale }) : new FFN(feedforward));
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
    if (this.withCp && x.requiresGrad && isGradEnabled()) return checkpoint((input) => this.innerForward(input), [x]);
    return this.innerForward(x);
  }

  private innerForward(x: Tensor): Tensor {
    return tidy(() => {
      const attended = add(x, this.attn.forward(this.ln1.forward(x) as Tensor));
      return this.ffn.forward(this.ln2.forward(attended) as Tensor, attended);
    });
  }
}
