import type { BuildConfig } from '@mmpt/registry';

/** AutoAugment's ImageNet policy (MMPretrain's `AUTOAUG_POLICIES['imagenet']`). */
const IMAGENET: BuildConfig[][] = [
  [{ type: 'Posterize', bits: 4, prob: 0.4 }, { type: 'Rotate', angle: 30, prob: 0.6 }],
  [{ type: 'Solarize', thr: (256 / 9) * 4, prob: 0.6 }, { type: 'AutoContrast', prob: 0.6 }],
  [{ type: 'Equalize', prob: 0.8 }, { type: 'Equalize', prob: 0.6 }],
  [{ type: 'Posterize', bits: 5, prob: 0.6 }, { type: 'Posterize', bits: 5, prob: 0.6 }],
  [{ type: 'Equalize', prob: 0.4 }, { type: 'Solarize', thr: (256 / 9) * 5, prob: 0.2 }],
  [{ type: 'Equalize', prob: 0.4 }, { type: 'Rotate', angle: (30 / 9) * 8, prob: 0.8 }],
  [{ type: 'Solarize', thr: (256 / 9) * 6, prob: 0.6 }, { type: 'Equalize', prob: 0.6 }],
  [{ type: 'Posterize', bits: 6, prob: 0.8 }, { type: 'Equalize', prob: 1 }],
  [{ type: 'Rotate', angle: 10, prob: 0.2 }, { type: 'Solarize', thr: 256 / 9, prob: 0.6 }],
  [{ type: 'Equalize', prob: 0.6 }, { type: 'Posterize', bits: 5, prob: 0.4 }],
  [{ type: 'Rotate', angle: (30 / 9) * 8, prob: 0.8 }, { type: 'ColorTransform', magnitude: 0, prob: 0.4 }],
  [{ type: 'Rotate', angle: 30, prob: 0.4 }, { type: 'Equalize', prob: 0.6 }],
  [{ type: 'Equalize', prob: 0 }, { type: 'Equalize', prob: 0.8 }],
  [{ type: 'Invert', prob: 0.6 }, { type: 'Equalize', prob: 1 }],
  [{ type: 'ColorTransform', magnitude: 0.4, prob: 0.6 }, { type: 'Contrast', magnitude: 0.8, prob: 1 }],
  [{ type: 'Rotate', angle: (30 / 9) * 8, prob: 0.8 }, { type: 'ColorTransform', magnitude: 0.2, prob: 1 }],
  [{ type: 'ColorTransform', magnitude: 0.8, prob: 0.8 }, { type: 'Solarize', thr: (256 / 9) * 2, prob: 0.8 }],
  [{ type: 'Sharpness', magnitude: 0.7, prob: 0.4 }, { type: 'Invert', prob: 0.6 }],
  [{ type: 'Shear', magnitude: (0.3 / 9) * 5, prob: 0.6, direction: 'horizontal' }, { type: 'Equalize', prob: 1 }],
  [{ type: 'ColorTransform', magnitude: 0, prob: 0.4 }, { type: 'Equalize', prob: 0.6 }],
  [{ type: 'Equalize', prob: 0.4 }, { type: 'Solarize', thr: (256 / 9) * 5, prob: 0.2 }],
  [{ type: 'Solarize', thr: (256 / 9) * 4, prob: 0.6 }, { type: 'AutoContrast', prob: 0.6 }],
  [{ type: 'Invert', prob: 0.6 }, { type: 'Equalize', prob: 1 }],
  [{ type: 'ColorTransform', magnitude: 0.4, prob: 0.6 }, { type: 'Contrast', magnitude: 0.8, prob: 1 }],
  [{ type: 'Equalize', prob: 0.8 }, { type: 'Equalize', prob: 0.6 }],
];

/** The preset AutoAugment policies, by name. */
export const AUTOAUG_POLICIES: Readonly<Record<string, readonly BuildConfig[][]>> = { imagenet: IMAGENET };

/** The preset RandAugment policies, by name (timm's `_RAND_INCREASING_TRANSFORMS` and a simple one). */
export const RANDAUG_POLICIES: Readonly<Record<string, readonly BuildConfig[]>> = {
  timm_increasing: [
    { type: 'AutoContrast' },
    { type: 'Equalize' },
    { type: 'Invert' },
    { type: 'Rotate', magnitude_range: [0, 30] },
    { type: 'Posterize', magnitude_range: [4, 0] },
    { type: 'Solarize', magnitude_range: [256, 0] },
    { type: 'SolarizeAdd', magnitude_range: [0, 110] },
    { type: 'ColorTransform', magnitude_range: [0, 0.9] },
    { type: 'Contrast', magnitude_range: [0, 0.9] },
    { type: 'Brightness', magnitude_range: [0, 0.9] },
    { type: 'Sharpness', magnitude_range: [0, 0.9] },
    { type: 'Shear', magnitude_range: [0, 0.3], direction: 'horizontal' },
    { type: 'Shear', magnitude_range: [0, 0.3], direction: 'vertical' },
    { type: 'Translate', magnitude_range: [0, 0.45], direction: 'horizontal' },
    { type: 'Translate', magnitude_range: [0, 0.45], direction: 'vertical' },
  ],
  simple_increasing: [
    { type: 'AutoContrast' },
    { type: 'Equalize' },
    { type: 'Rotate', magnitude_range: [0, 30] },
    { type: 'Shear', magnitude_range: [0, 0.3], direction: 'horizontal' },
    { type: 'Shear', magnitude_range: [0, 0.3], direction: 'vertical' },
  ],
};
