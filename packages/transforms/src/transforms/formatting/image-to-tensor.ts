import { isImage } from '../../image/image';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { transposeImage } from './transpose';

/** The options of {@link ImageToTensor}. */
export interface ImageToTensorOptions {
  keys: readonly string[];
}

/**
 * mmcv's `ImageToTensor` as a layout conversion: the images under `keys` become CHW (a gray image
 * `1 x H x W`), which `PackInputs` turns into tensors as they are.
 *
 * @example
 * new ImageToTensor({ keys: ['img'] });
 */
export class ImageToTensor implements Transform {
  readonly keys: readonly string[];

  static readonly optionNames = ['keys'];

  constructor(options: ImageToTensorOptions) {
    this.keys = [...options.keys];
  }

  transform(results: Sample): Sample {
    for (const key of this.keys) {
      const value = results[key];
      if (!isImage(value)) throw new TypeError(`ImageToTensor: "${key}" is not an image`);
      results[key] = value.layout === 'chw' ? value : transposeImage(value, [2, 0, 1]);
    }
    return results;
  }
}
