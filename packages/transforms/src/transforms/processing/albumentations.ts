import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/**
 * MMPretrain's `Albumentations` (and `Albu`) wraps the Python `albumentations` library, which has
 * no TypeScript counterpart: building it throws an error that says so and names the equivalents.
 */
export class Albumentations implements Transform {
  constructor(_options: { transforms?: unknown; keymap?: unknown } = {}) {
    throw new Error(
      'Albumentations: the albumentations library is Python-only and has no TypeScript counterpart in mmpt. ' +
        'Use the built-in transforms instead (e.g. RandomResizedCrop, RandomFlip, ColorJitter, GaussianBlur, RandAugment).',
    );
  }

  transform(results: Sample): Sample {
    return results;
  }
}
