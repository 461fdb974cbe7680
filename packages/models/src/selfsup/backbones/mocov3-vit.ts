import { BatchNorm, Linear, init, noGrad, tidy } from '@mmpt/tensor';
import { VisionTransformer, type VisionTransformerOptions } from '../../backbones/vision-transformer/vision-transformer';
import type { VisionTransformerArch } from '../../backbones/vision-transformer/vit-archs';
import type { PretrainedLoader } from '../../init/initialize';
import { freezeModules } from '../../utils/freeze';
import { assignInPlace } from '../utils/assign-in-place';
import { build2dSincosPositionEmbedding } from '../utils/sincos-position-embedding';

/** The ViT-small of MoCo v3 (12 heads where DeiT-small has 6). */
const MOCOV3_SMALL: VisionTransformerArch = { embed_dims: 384, num_layers: 12, num_heads: 12, feedforward_channels: 1536 };

/** The options of {@link MoCoV3ViT}, as MMPretrain's (VisionTransformer's, plus these). */
export interface MoCoV3ViTOptions extends Omit<VisionTransformerOptions, 'frozen_stages'> {
  /** Freeze the patch projection (MoCo v3's stabilisation trick). Default false. */
  stop_grad_conv1?: boolean;
  /** 0 freezes the patch embedding and tokens; n > 0 also the first n layers (and the final norm when all are). Default -1. */
  frozen_stages?: number;
  /** Keep BatchNorm layers in eval mode while training. Default false. */
  norm_eval?: boolean;
}

/**
 * MMPretrain's `MoCoV3ViT`: a VisionTransformer with MoCo v3's initialisation (fixed sine-cosine
 * position embedding, uniform patch projection with bound `√(6 / (3 p² + C))`, Xavier-uniform
 * linear layers with Q, K and V treated separately, zero biases, class token N(0, 1e-6)), the
 * extra arch `mocov3-s` (`mocov3-small`), `stop_grad_conv1`, and its own `frozen_stages` rule.
 */
export class MoCoV3ViT extends VisionTransformer {
  readonly patchSize: number;
  readonly mocoFrozenStages: number;
  readonly normEval: boolean;

  constructor(options: MoCoV3ViTOptions = {}) {
    const { stop_grad_conv1: stopGradConv1, frozen_stages: frozenStages, norm_eval: normEval, ...rest } = options;
    const arch = typeof rest.arch === 'string' && ['mocov3-s', 'mocov3-small'].includes(rest.arch.toLowerCase()) ? MOCOV3_SMALL : rest.arch;
    super({ ...rest, ...(arch === undefined ? {} : { arch }) });
    this.patchSize = options.patch_size ?? 16;
    this.mocoFrozenStages = frozenStages ?? -1;
    this.normEval = normEval ?? false;
    if (stopGradConv1) for (const parameter of this.patchEmbed.projection.parameters()) parameter.requiresGrad = false;
    this.freezeMocoStages();
  }

  /** ViT's init, then MoCo v3's (unless `init_cfg` is Pretrained). */
  override initWeights(loadPretrained?: PretrainedLoader): void {
    super.initWeights(loadPretrained);
    if (this.isPretrainedInit()) return;
    noGrad(() =>
      tidy(() => {
        assignInPlace(this.posEmbed, build2dSincosPositionEmbedding(this.patchResolution, this.embedDims, { clsToken: true }));
        this.posEmbed.requiresGrad = false;
        const bound = Math.sqrt(6 / (3 * this.patchSize * this.patchSize + this.embedDims));
        init.uniform(this.patchEmbed.projection.getParameter('weight'), { a: -bound, b: bound });
        const bias = this.patchEmbed.projection.namedParameters({ recurse: false }).find(([name]) => name === 'bias')?.[1];
        if (bias) init.zeros(bias);
        for (const [name, module] of this.namedModules()) {
          if (!(module instanceof Linear)) continue;
          if (name.includes('qkv')) {
            const [outFeatures, inFeatures] = module.weight.shape as [number, number];
            const qkvBound = Math.sqrt(6 / (Math.trunc(outFeatures / 3) + inFeatures));
            init.uniform(module.weight, { a: -qkvBound, b: qkvBound });
          } else {
            init.xavierUniform(module.weight);
          }
          if (module.bias) init.zeros(module.bias);
        }
        if (this.clsToken) init.normal(this.clsToken, { std: 1e-6 });
      }),
    );
  }

  /** MMPretrain's `_freeze_stages`. */
  private freezeMocoStages(): void {
    if (this.mocoFrozenStages >= 0) {
      freezeModules([this.patchEmbed]);
      if (this.clsToken) this.clsToken.requiresGrad = false;
      this.posEmbed.requiresGrad = false;
    }
    const layers = this.layers.children();
    for (let index = 1; index <= this.mocoFrozenStages; index++) {
      const layer = layers[index - 1];
      if (layer) freezeModules([layer]);
      if (index === this.numLayers && this.finalNorm && this.ln1) for (const parameter of this.ln1.parameters()) parameter.requiresGrad = false;
    }
  }

  override train(mode = true): this {
    super.train(mode);
    if (this.mocoFrozenStages !== undefined) this.freezeMocoStages();
    if (mode && this.normEval) for (const module of this.modules()) if (module instanceof BatchNorm) module.eval();
    return this;
  }
}
