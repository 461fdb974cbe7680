import type { BuildConfig } from '@mmpt/registry';

/** The ImageNet training pipeline of the benchmark (the guide's, with RandAugment). */
export const TRAIN_PIPELINE: BuildConfig[] = [
  { type: 'LoadImageFromFile' },
  { type: 'RandomResizedCrop', scale: 224 },
  { type: 'RandomFlip', prob: 0.5, direction: 'horizontal' },
  { type: 'RandAugment', policies: 'timm_increasing', num_policies: 2, total_level: 10, magnitude_level: 9, magnitude_std: 0.5 },
  { type: 'PackInputs' },
];
