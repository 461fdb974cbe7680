import { type Registries, createChildRegistries } from '@mmpt/registry';
import { GlobalAveragePooling } from './global-average-pooling';
import { L1Loss } from './l1-loss';
import { ResNetCifar } from './resnet-cifar';
import { SimpleViTClsHead } from './vision-transformer-cls-head';

export { GlobalAveragePooling, L1Loss, ResNetCifar, SimpleViTClsHead };

/**
 * The plugin's entry point (what `custom_imports` calls): registers the modules in the `custom`
 * scope, so they never clash with mmpt's own `ResNet_CIFAR` or `GlobalAveragePooling`, and configs
 * name them `custom.ResNet_CIFAR`.
 */
export function register(registries: Registries): void {
  const custom = createChildRegistries(registries, 'custom');
  custom.models.register('ResNet_CIFAR', ResNetCifar);
  custom.models.register(GlobalAveragePooling);
  custom.models.register('VisionTransformerClsHead', SimpleViTClsHead);
  custom.models.register(L1Loss);
}
