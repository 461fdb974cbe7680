import type { Registries } from '@mmpt/registry';
import { LeNet5 } from './backbones/lenet5';
import { ResNet } from './backbones/resnet/resnet';
import { ResNetV1c, ResNetV1d, ResNet_CIFAR } from './backbones/resnet/resnet-variants';
import { ImageClassifier } from './classifiers/image-classifier';
import { ClsDataPreprocessor } from './data-preprocessors/cls-data-preprocessor';
import { ClsHead } from './heads/cls-head';
import { LinearClsHead } from './heads/linear-cls-head';
import { CrossEntropyLoss } from './losses/cross-entropy-loss';
import { GlobalAveragePooling } from './necks/global-average-pooling';

/** Registers the models of this package in `registries.models` under MMPretrain's names. */
export function register(registries: Registries): void {
  const models = registries.models;
  for (const target of [ImageClassifier, ClsDataPreprocessor, LeNet5, ResNet, ResNetV1c, ResNetV1d, GlobalAveragePooling, ClsHead, LinearClsHead, CrossEntropyLoss]) {
    models.register(target);
  }
  models.register('ResNet_CIFAR', ResNet_CIFAR);
}
