export { register } from './register';
export { BaseModule } from './base-module';
export type { InitConfig, InitConfigInput } from './init/init-config';
export { initialize } from './init/initialize';
export type { PretrainedLoader } from './init/initialize';

// Layer builders (MMCV)
export { buildConvLayer } from './builders/build-conv-layer';
export type { ConvLayerOptions } from './builders/build-conv-layer';
export { buildNormLayer } from './builders/build-norm-layer';
export { buildActivationLayer } from './builders/build-activation-layer';
export type { LayerConfig } from './builders/layer-config';
export { ConvModule } from './builders/conv-module';
export type { ConvModuleOptions } from './builders/conv-module';

// Layers
export { SELayer } from './layers/se-layer';
export type { SELayerOptions } from './layers/se-layer';
export { InvertedResidual } from './layers/inverted-residual';
export type { InvertedResidualOptions } from './layers/inverted-residual';
export { EdgeResidual } from './layers/edge-residual';
export type { EdgeResidualOptions } from './layers/edge-residual';
export { PatchEmbed } from './layers/patch-embed';
export type { PatchEmbedOptions } from './layers/patch-embed';
export { PatchMerging } from './layers/patch-merging';
export type { PatchMergingOptions } from './layers/patch-merging';
export { MultiheadAttention } from './layers/multihead-attention';
export type { MultiheadAttentionOptions } from './layers/multihead-attention';
export { FFN } from './layers/ffn';
export type { FFNOptions } from './layers/ffn';
export { LayerNorm2d } from './layers/layer-norm-2d';
export { HSigmoid } from './layers/hsigmoid';
export type { HSigmoidOptions } from './layers/hsigmoid';
export { Conv2dAdaptivePadding } from './layers/conv2d-adaptive-padding';
export { makeDivisible } from './utils/make-divisible';

// Backbones
export { LeNet5 } from './backbones/lenet5';
export type { LeNet5Options } from './backbones/lenet5';
export { ResNet, RESNET_ARCH_SETTINGS } from './backbones/resnet/resnet';
export type { ResNetOptions } from './backbones/resnet/resnet';
export { ResNetV1c, ResNetV1d, ResNet_CIFAR } from './backbones/resnet/resnet-variants';
export { ResNeXt } from './backbones/resnet/resnext';
export type { ResNeXtOptions } from './backbones/resnet/resnext';
export { SEResNet } from './backbones/resnet/seresnet';
export type { SEResNetOptions } from './backbones/resnet/seresnet';
export { BasicBlock } from './backbones/resnet/basic-block';
export { Bottleneck } from './backbones/resnet/bottleneck';
export { SEBottleneck } from './backbones/resnet/se-bottleneck';
export { makeResLayer } from './backbones/resnet/res-layer';
export type { BlockClass, ResLayerOptions } from './backbones/resnet/res-layer';
export type { BlockOptions } from './backbones/resnet/block-options';
export { RegNet } from './backbones/resnet/regnet';
export type { RegNetOptions } from './backbones/resnet/regnet';
export { REGNET_ARCHS, regnetStages } from './backbones/resnet/regnet-widths';
export type { RegNetArch, RegNetStages } from './backbones/resnet/regnet-widths';
export { MobileNetV2 } from './backbones/mobilenet/mobilenet-v2';
export type { MobileNetV2Options } from './backbones/mobilenet/mobilenet-v2';
export { MobileNetV2InvertedResidual } from './backbones/mobilenet/mobilenet-v2-block';
export type { MobileNetV2BlockOptions } from './backbones/mobilenet/mobilenet-v2-block';
export { MobileNetV3, MOBILENET_V3_ARCH_SETTINGS } from './backbones/mobilenet/mobilenet-v3';
export type { MobileNetV3Arch, MobileNetV3Options } from './backbones/mobilenet/mobilenet-v3';
export { VisionTransformer } from './backbones/vision-transformer/vision-transformer';
export type { VisionTransformerOptions, VitOutType } from './backbones/vision-transformer/vision-transformer';
export { DistilledVisionTransformer } from './backbones/vision-transformer/distilled-vision-transformer';
export { TransformerEncoderLayer } from './backbones/vision-transformer/transformer-encoder-layer';
export type { TransformerEncoderLayerOptions } from './backbones/vision-transformer/transformer-encoder-layer';
export { VIT_ARCHS } from './backbones/vision-transformer/vit-archs';
export type { VisionTransformerArch } from './backbones/vision-transformer/vit-archs';
export { resizePosEmbed } from './backbones/vision-transformer/resize-pos-embed';
export { LayerScale } from './backbones/vision-transformer/layer-scale';
export type { LayerScaleDataFormat } from './backbones/vision-transformer/layer-scale';
export { LayerScaledAttention } from './backbones/vision-transformer/layer-scaled-attention';
export type { LayerScaledAttentionOptions } from './backbones/vision-transformer/layer-scaled-attention';
export { LayerScaledFFN } from './backbones/vision-transformer/layer-scaled-ffn';
export type { LayerScaledFFNOptions } from './backbones/vision-transformer/layer-scaled-ffn';
export { SwinTransformer, SWIN_ARCHS } from './backbones/swin/swin-transformer';
export type { SwinArch, SwinTransformerOptions } from './backbones/swin/swin-transformer';
export { SwinBlock } from './backbones/swin/swin-block';
export { SwinBlockSequence } from './backbones/swin/swin-block-sequence';
export { ShiftWindowMSA } from './backbones/swin/shift-window-msa';
export { WindowMSA } from './backbones/swin/window-msa';
export { resizeRelativePositionBiasTable } from './backbones/swin/resize-relative-position-bias-table';
export { ConvNeXt, CONVNEXT_ARCHS } from './backbones/convnext/convnext';
export type { ConvNeXtArch, ConvNeXtOptions } from './backbones/convnext/convnext';
export { ConvNeXtBlock } from './backbones/convnext/convnext-block';
export { GRN, buildGrn } from './backbones/convnext/grn';
export type { GRNOptions } from './backbones/convnext/grn';
export { EfficientNet } from './backbones/efficientnet/efficientnet';
export type { EfficientNetOptions } from './backbones/efficientnet/efficientnet';
export { EFFICIENTNET_ARCHS, EFFICIENTNET_LAYER_SETTINGS, scaleLayerSettings } from './backbones/efficientnet/efficientnet-settings';
export { VGG } from './backbones/vgg';
export type { VGGOptions } from './backbones/vgg';

// Necks
export { GlobalAveragePooling } from './necks/global-average-pooling';
export type { GlobalAveragePoolingOptions } from './necks/global-average-pooling';
export { GeneralizedMeanPooling } from './necks/generalized-mean-pooling';
export type { GeneralizedMeanPoolingOptions } from './necks/generalized-mean-pooling';
export { LinearNeck } from './necks/linear-neck';
export type { LinearNeckOptions } from './necks/linear-neck';

// Heads
export type { ClassifierHead, LossDict } from './heads/classifier-head';
export { ClsHead, topkAccuracy, targetTensor } from './heads/cls-head';
export type { ClsHeadOptions } from './heads/cls-head';
export { LinearClsHead } from './heads/linear-cls-head';
export type { LinearClsHeadOptions } from './heads/linear-cls-head';
export { StackedLinearClsHead, LinearBlock } from './heads/stacked-linear-cls-head';
export type { StackedLinearClsHeadOptions } from './heads/stacked-linear-cls-head';
export { VisionTransformerClsHead } from './heads/vision-transformer-cls-head';
export type { VisionTransformerClsHeadOptions } from './heads/vision-transformer-cls-head';
export { DeiTClsHead } from './heads/deit-cls-head';
export { MultiLabelClsHead, multiHotTargets } from './heads/multi-label-cls-head';
export type { MultiLabelClsHeadOptions } from './heads/multi-label-cls-head';
export { MultiLabelLinearClsHead } from './heads/multi-label-linear-cls-head';
export type { MultiLabelLinearClsHeadOptions } from './heads/multi-label-linear-cls-head';

// Losses
export { CrossEntropyLoss } from './losses/cross-entropy-loss';
export type { CrossEntropyLossOptions, LossCallOptions } from './losses/cross-entropy-loss';
export { LabelSmoothLoss } from './losses/label-smooth-loss';
export type { LabelSmoothLossOptions, LabelSmoothMode } from './losses/label-smooth-loss';
export { FocalLoss } from './losses/focal-loss';
export type { FocalLossOptions } from './losses/focal-loss';
export { AsymmetricLoss } from './losses/asymmetric-loss';
export type { AsymmetricLossOptions } from './losses/asymmetric-loss';
export { SeesawLoss } from './losses/seesaw-loss';
export type { SeesawLossOptions } from './losses/seesaw-loss';
export { L1Loss, l1Loss } from './losses/l1-loss';
export type { RegressionLossOptions } from './losses/l1-loss';
export { MSELoss, mseLoss } from './losses/mse-loss';
export { weightReduceLoss } from './losses/weight-reduce-loss';
export type { Reduction } from './losses/weight-reduce-loss';
export { weightedLoss } from './losses/weighted-loss';
export type { WeightedLossOptions } from './losses/weighted-loss';
export { oneHotTarget } from './losses/one-hot-target';

// Classifier, preprocessing, batch augments
export { ImageClassifier } from './classifiers/image-classifier';
export type { ImageClassifierOptions, FeatureStage } from './classifiers/image-classifier';
export { ClsDataPreprocessor } from './data-preprocessors/cls-data-preprocessor';
export type { ClsBatch, ClsDataPreprocessorOptions, PreprocessedBatch } from './data-preprocessors/cls-data-preprocessor';
export { Mixup, mixPair } from './batch-augments/mixup';
export type { BatchAugment, MixupOptions } from './batch-augments/mixup';
export { CutMix, pasteBox } from './batch-augments/cutmix';
export type { Box, CutMixOptions } from './batch-augments/cutmix';
export { ResizeMix } from './batch-augments/resizemix';
export type { ResizeMixOptions } from './batch-augments/resizemix';
export { RandomBatchAugment } from './batch-augments/random-batch-augment';
export type { RandomBatchAugmentOptions } from './batch-augments/random-batch-augment';
export { sampleBeta, sampleGamma } from './batch-augments/sample-beta';

// Weights
export { loadCheckpoint, loadHostStateDict, formatCheckpointReport } from './checkpoint/load-checkpoint';
export type { CheckpointReport, LoadCheckpointOptions, MismatchedKey } from './checkpoint/load-checkpoint';
export { saveWeights, serializeWeights, stateDictToHost } from './checkpoint/save-weights';
export type { SaveWeightsOptions } from './checkpoint/save-weights';
export { readWeightFile, detectWeightFormat } from './checkpoint/weight-file';
export type { WeightFile, WeightFormat } from './checkpoint/weight-file';
export { reviseKeys, selectPrefix, DEFAULT_REVISE_KEYS } from './checkpoint/key-rules';
export type { ReviseKeys } from './checkpoint/key-rules';
export { loadPretrainedWeights } from './checkpoint/pretrained-loader';
export type { StateDictPreparer } from './checkpoint/state-dict-preparer';

// Model zoo
export { listModels, getModel, findModelConfigs } from './zoo/model-zoo';
export type { ConfigLoader, GetModelOptions } from './zoo/model-zoo';

// Self-supervised pretraining
export {
  registerSelfSup,
  BaseSelfSupervisor,
  SelfSupDataPreprocessor,
  SimCLR,
  contrastivePairs,
  MoCo,
  BYOL,
  SimSiam,
  MoCoV3,
  MAE,
  SimMIM,
  stackMasks,
  MAEViT,
  MoCoV3ViT,
  SimMIMViT,
  NonLinearNeck,
  MoCoV2Neck,
  MAEPretrainDecoder,
  SimMIMLinearDecoder,
  pixelShuffle,
  ClsBatchNormNeck,
  ContrastiveHead,
  LatentPredictHead,
  MoCoV3Head,
  MAEPretrainHead,
  SimMIMHead,
  PixelReconstructionLoss,
  CosineSimilarityLoss,
  ExponentialMovingAverage,
  CosineEMA,
  FeatureSequential,
  build2dSincosPositionEmbedding,
  randomMasking,
} from './selfsup/index';
export type {
  BaseSelfSupervisorOptions,
  ModuleInput,
  SelfSupBatch,
  SelfSupDataPreprocessorOptions,
  SelfSupInputs,
  SelfSupPreprocessedBatch,
  MoCoOptions,
  BYOLOptions,
  MoCoV3Options,
  MAEViTOptions,
  MAEEncoderOutput,
  MoCoV3ViTOptions,
  SimMIMViTOptions,
  NonLinearNeckOptions,
  MoCoV2NeckOptions,
  MAEPretrainDecoderOptions,
  SimMIMLinearDecoderOptions,
  ClsBatchNormNeckOptions,
  ContrastiveHeadOptions,
  LatentPredictHeadOptions,
  MoCoV3HeadOptions,
  MAEPretrainHeadOptions,
  SimMIMHeadOptions,
  PixelReconstructionLossOptions,
  CosineSimilarityLossOptions,
  ExponentialMovingAverageOptions,
  CosineEMAOptions,
  RandomMaskingResult,
} from './selfsup/index';
