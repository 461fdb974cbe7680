import type { Registries } from '@mmpt/registry';
import { ApplyToList } from './pipeline/apply-to-list';
import { bindRegistry } from './pipeline/bind-registry';
import { Compose } from './pipeline/compose';
import { KeyMapper } from './pipeline/key-mapper';
import { MultiView } from './pipeline/multi-view';
import { RandomApply } from './pipeline/random-apply';
import { RandomChoice } from './pipeline/random-choice';
import { AutoAugment } from './transforms/auto-augment/auto-augment';
import { AutoContrast, Equalize, Invert, Posterize, Solarize, SolarizeAdd } from './transforms/auto-augment/pixel-ops';
import { Brightness, ColorTransform, Contrast, Sharpness } from './transforms/auto-augment/enhance-ops';
import { GaussianBlur } from './transforms/auto-augment/gaussian-blur';
import { Cutout } from './transforms/auto-augment/cutout';
import { Rotate } from './transforms/auto-augment/rotate';
import { Shear, Translate } from './transforms/auto-augment/shift-ops';
import { RandAugment } from './transforms/auto-augment/rand-augment';
import { Collect } from './transforms/formatting/collect';
import { ImageToTensor } from './transforms/formatting/image-to-tensor';
import { NumpyToPIL, PILToNumpy } from './transforms/formatting/pil-conversions';
import { Transpose } from './transforms/formatting/transpose';
import { PackInputs } from './transforms/formatting/pack-inputs';
import { PackMultiTaskInputs } from './transforms/formatting/pack-multi-task-inputs';
import { LoadImageFromFile } from './transforms/loading/load-image-from-file';
import { Albumentations } from './transforms/processing/albumentations';
import { CenterCrop } from './transforms/processing/center-crop';
import { ColorJitter } from './transforms/processing/color-jitter';
import { EfficientNetCenterCrop, EfficientNetRandomCrop } from './transforms/processing/efficientnet-crops';
import { Lighting } from './transforms/processing/lighting';
import { BEiTMaskGenerator } from './transforms/processing/beit-mask-generator';
import { SimMIMMaskGenerator } from './transforms/processing/simmim-mask-generator';
import { Normalize } from './transforms/processing/normalize';
import { Pad } from './transforms/processing/pad';
import { RandomChoiceResize } from './transforms/processing/random-choice-resize';
import { RandomCrop } from './transforms/processing/random-crop';
import { RandomErasing } from './transforms/processing/random-erasing';
import { RandomFlip } from './transforms/processing/random-flip';
import { RandomGrayscale } from './transforms/processing/random-grayscale';
import { RandomResize } from './transforms/processing/random-resize';
import { RandomResizedCrop } from './transforms/processing/random-resized-crop';
import { Resize } from './transforms/processing/resize';
import { ResizeEdge } from './transforms/processing/resize-edge';
import { TorchvisionColorJitter } from './transforms/torchvision/color-jitter';
import { TorchvisionTrivialAugmentWide } from './transforms/torchvision/trivial-augment-wide';
import { TorchvisionCenterCrop } from './transforms/torchvision/center-crop';
import { TorchvisionRandomHorizontalFlip } from './transforms/torchvision/random-horizontal-flip';
import { TorchvisionRandomResizedCrop } from './transforms/torchvision/random-resized-crop';
import { TorchvisionResize } from './transforms/torchvision/resize';
import { TorchvisionConvertImageDtype } from './transforms/torchvision/convert-image-dtype';
import { TorchvisionNormalize } from './transforms/torchvision/normalize';
import { TorchvisionPILToTensor, TorchvisionToTensor } from './transforms/torchvision/to-tensor';
import { TorchvisionRandomErasing } from './transforms/torchvision/random-erasing';

/**
 * The transforms this package registers, by MMPretrain's names (without the registry-bound ones).
 * The lists are built on call: the wrappers import this module back (for their default registry).
 */
const plainTransforms = (): ReadonlyArray<readonly [string | readonly string[], new (options: any) => unknown]> => [
  ['LoadImageFromFile', LoadImageFromFile],
  ['PackInputs', PackInputs],
  ['Transpose', Transpose],
  ['Collect', Collect],
  [['NumpyToPIL', 'ToPIL'], NumpyToPIL],
  [['PILToNumpy', 'ToNumpy'], PILToNumpy],
  ['ImageToTensor', ImageToTensor],
  ['Resize', Resize],
  ['ResizeEdge', ResizeEdge],
  ['RandomCrop', RandomCrop],
  ['RandomResizedCrop', RandomResizedCrop],
  ['EfficientNetRandomCrop', EfficientNetRandomCrop],
  ['EfficientNetCenterCrop', EfficientNetCenterCrop],
  ['RandomFlip', RandomFlip],
  ['RandomGrayscale', RandomGrayscale],
  ['ColorJitter', ColorJitter],
  ['Lighting', Lighting],
  ['Normalize', Normalize],
  ['RandomErasing', RandomErasing],
  ['Pad', Pad],
  ['BEiTMaskGenerator', BEiTMaskGenerator],
  ['SimMIMMaskGenerator', SimMIMMaskGenerator],
  [['Albumentations', 'Albu'], Albumentations],
  ['AutoContrast', AutoContrast],
  ['Brightness', Brightness],
  ['ColorTransform', ColorTransform],
  ['Contrast', Contrast],
  ['Cutout', Cutout],
  ['Equalize', Equalize],
  ['GaussianBlur', GaussianBlur],
  ['Invert', Invert],
  ['Posterize', Posterize],
  ['Rotate', Rotate],
  ['Sharpness', Sharpness],
  ['Shear', Shear],
  ['Solarize', Solarize],
  ['SolarizeAdd', SolarizeAdd],
  ['Translate', Translate],
  ['torchvision/RandomResizedCrop', TorchvisionRandomResizedCrop],
  ['torchvision/RandomHorizontalFlip', TorchvisionRandomHorizontalFlip],
  ['torchvision/Resize', TorchvisionResize],
  ['torchvision/CenterCrop', TorchvisionCenterCrop],
  ['torchvision/ColorJitter', TorchvisionColorJitter],
  ['torchvision/TrivialAugmentWide', TorchvisionTrivialAugmentWide],
  ['torchvision/PILToTensor', TorchvisionPILToTensor],
  ['torchvision/ToTensor', TorchvisionToTensor],
  ['torchvision/ConvertImageDtype', TorchvisionConvertImageDtype],
  ['torchvision/Normalize', TorchvisionNormalize],
  ['torchvision/RandomErasing', TorchvisionRandomErasing],
];


/** The transforms that build nested configs: registered bound to the registry they live in. */
const wrapperTransforms = (): ReadonlyArray<readonly [string, new (options: any) => unknown]> => [
  ['Compose', Compose],
  ['RandomApply', RandomApply],
  ['RandomChoice', RandomChoice],
  ['KeyMapper', KeyMapper],
  ['ApplyToList', ApplyToList],
  ['MultiView', MultiView],
  ['RandomResize', RandomResize],
  ['RandomChoiceResize', RandomChoiceResize],
  ['CenterCrop', CenterCrop],
  ['PackMultiTaskInputs', PackMultiTaskInputs],
  ['AutoAugment', AutoAugment],
  ['RandAugment', RandAugment],
];

/**
 * Registers every transform of this package in `registries.transforms` under MMPretrain's names
 * (`LoadImageFromFile`, `RandomResizedCrop`, `RandAugment`, `torchvision/TrivialAugmentWide`, ...).
 * The wrappers (`Compose`, `RandomApply`, `RandAugment`, ...) build their nested configs with the
 * same registry, so a plugin's transforms can be used inside them. Nothing registers on import.
 *
 * @example
 * const registries = createRegistries();
 * register(registries);
 * const pipeline = registries.transforms.build({ type: 'Compose', transforms: cfg.train_pipeline });
 */
export function register(registries: Registries): void {
  const registry = registries.transforms;
  for (const [names, target] of plainTransforms()) {
    registry.register(typeof names === 'string' ? names : names, target as never);
  }
  for (const [name, target] of wrapperTransforms()) {
    registry.register(name, bindRegistry(target, registry) as never);
  }
}
