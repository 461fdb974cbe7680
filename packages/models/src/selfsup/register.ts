import type { Registries } from '@mmpt/registry';
import { BYOL } from './algorithms/byol';
import { MAE } from './algorithms/mae';
import { MoCo } from './algorithms/moco';
import { MoCoV3 } from './algorithms/mocov3';
import { SimCLR } from './algorithms/simclr';
import { SimMIM } from './algorithms/simmim';
import { SimSiam } from './algorithms/simsiam';
import { MAEViT } from './backbones/mae-vit';
import { MoCoV3ViT } from './backbones/mocov3-vit';
import { SimMIMViT } from './backbones/simmim-vit';
import { ContrastiveHead } from './heads/contrastive-head';
import { LatentPredictHead } from './heads/latent-predict-head';
import { MAEPretrainHead } from './heads/mae-pretrain-head';
import { MoCoV3Head } from './heads/mocov3-head';
import { SimMIMHead } from './heads/simmim-head';
import { CosineSimilarityLoss } from './losses/cosine-similarity-loss';
import { PixelReconstructionLoss } from './losses/pixel-reconstruction-loss';
import { ClsBatchNormNeck } from './necks/cls-batch-norm-neck';
import { MAEPretrainDecoder } from './necks/mae-pretrain-decoder';
import { MoCoV2Neck } from './necks/mocov2-neck';
import { NonLinearNeck } from './necks/non-linear-neck';
import { SimMIMLinearDecoder } from './necks/simmim-linear-decoder';
import { SelfSupDataPreprocessor } from './self-sup-data-preprocessor';

/**
 * Registers the self-supervised algorithms and their parts in `registries.models` under
 * MMPretrain's names (`MoCo` is MMPretrain's MoCo v2 algorithm).
 */
export function registerSelfSup(registries: Registries): void {
  const classes = [
    SelfSupDataPreprocessor,
    SimCLR,
    MoCo,
    BYOL,
    SimSiam,
    MoCoV3,
    MAE,
    SimMIM,
    MAEViT,
    MoCoV3ViT,
    SimMIMViT,
    NonLinearNeck,
    MoCoV2Neck,
    MAEPretrainDecoder,
    SimMIMLinearDecoder,
    ClsBatchNormNeck,
    ContrastiveHead,
    LatentPredictHead,
    MoCoV3Head,
    MAEPretrainHead,
    SimMIMHead,
    PixelReconstructionLoss,
    CosineSimilarityLoss,
  ];
  for (const target of classes) registries.models.register(target);
}
