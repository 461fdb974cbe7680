import type { Registries } from '@mmpt/registry';
import { registerSelfSup } from './selfsup/register';
import { ConvNeXt } from './backbones/convnext/convnext';
import { buildGrn } from './backbones/convnext/grn';
import { EfficientNet } from './backbones/efficientnet/efficientnet';
import { LeNet5 } from './backbones/lenet5';
import { MobileNetV2 } from './backbones/mobilenet/mobilenet-v2';
import { MobileNetV3 } from './backbones/mobilenet/mobilenet-v3';
import { RegNet } from './backbones/resnet/regnet';
import { ResNet } from './backbones/resnet/resnet';
import { ResNetV1c, ResNetV1d, ResNet_CIFAR } from './backbones/resnet/resnet-variants';
import { ResNeXt } from './backbones/resnet/resnext';
import { SEResNet } from './backbones/resnet/seresnet';
import { SwinTransformer } from './backbones/swin/swin-transformer';
import { VGG } from './backbones/vgg';
import { DistilledVisionTransformer } from './backbones/vision-transformer/distilled-vision-transformer';
import { VisionTransformer } from './backbones/vision-transformer/vision-transformer';
import { CutMix } from './batch-augments/cutmix';
import { Mixup } from './batch-augments/mixup';
import { ResizeMix } from './batch-augments/resizemix';
import { ImageClassifier } from './classifiers/image-classifier';
import { ClsDataPreprocessor } from './data-preprocessors/cls-data-preprocessor';
import { ClsHead } from './heads/cls-head';
import { DeiTClsHead } from './heads/deit-cls-head';
import { LinearClsHead } from './heads/linear-cls-head';
import { MultiLabelClsHead } from './heads/multi-label-cls-head';
import { MultiLabelLinearClsHead } from './heads/multi-label-linear-cls-head';
import { StackedLinearClsHead } from './heads/stacked-linear-cls-head';
import { VisionTransformerClsHead } from './heads/vision-transformer-cls-head';
import { AsymmetricLoss } from './losses/asymmetric-loss';
import { CrossEntropyLoss } from './losses/cross-entropy-loss';
import { FocalLoss } from './losses/focal-loss';
import { L1Loss } from './losses/l1-loss';
import { LabelSmoothLoss } from './losses/label-smooth-loss';
import { MSELoss } from './losses/mse-loss';
import { SeesawLoss } from './losses/seesaw-loss';
import { GeneralizedMeanPooling } from './necks/generalized-mean-pooling';
import { GlobalAveragePooling } from './necks/global-average-pooling';
import { LinearNeck } from './necks/linear-neck';

/**
 * Registers the models of this package in `registries.models` and the batch augments (Mixup,
 * CutMix, ResizeMix) in `registries.batchAugments`, under MMPretrain's names.
 */
export function register(registries: Registries): void {
  registerSelfSup(registries);
  const models = registries.models;
  const classes = [
    ImageClassifier,
    ClsDataPreprocessor,
    LeNet5,
    ResNet,
    ResNetV1c,
    ResNetV1d,
    ResNeXt,
    SEResNet,
    MobileNetV2,
    MobileNetV3,
    VisionTransformer,
    DistilledVisionTransformer,
    SwinTransformer,
    ConvNeXt,
    EfficientNet,
    RegNet,
    VGG,
    GlobalAveragePooling,
    GeneralizedMeanPooling,
    LinearNeck,
    ClsHead,
    LinearClsHead,
    StackedLinearClsHead,
    VisionTransformerClsHead,
    DeiTClsHead,
    MultiLabelClsHead,
    MultiLabelLinearClsHead,
    CrossEntropyLoss,
    LabelSmoothLoss,
    FocalLoss,
    AsymmetricLoss,
    SeesawLoss,
    L1Loss,
    MSELoss,
  ];
  for (const target of classes) models.register(target);
  models.register('ResNet_CIFAR', ResNet_CIFAR);
  models.register('GRN', buildGrn);
  for (const target of [Mixup, CutMix, ResizeMix]) registries.batchAugments.register(target);
}
