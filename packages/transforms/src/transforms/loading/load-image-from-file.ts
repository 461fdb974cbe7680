import { COLOR_TYPES, type ColorType, readImage } from '../../image/decode';
import { imageShape } from '../../image/image';
import { checkChoice } from '../../pipeline/checks';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/** The options of {@link LoadImageFromFile} (mmcv's names). */
export interface LoadImageFromFileOptions {
  /** Convert to float32. Defaults to false. */
  to_float32?: boolean;
  /** `'color'` (default), `'grayscale'`, `'unchanged'`, or the `_ignore_orientation` variants. */
  color_type?: ColorType;
  /** Accepted for compatibility: every backend decodes with sharp into BGR. Defaults to `'cv2'`. */
  imdecode_backend?: 'cv2' | 'pillow' | 'turbojpeg' | 'tifffile';
  /** Return `null` (drop the sample) instead of throwing on a missing or bad file. Defaults to false. */
  ignore_empty?: boolean;
  /** Accepted for compatibility (local files only). */
  file_client_args?: Record<string, unknown> | null;
  /** Accepted for compatibility (local files only). */
  backend_args?: Record<string, unknown> | null;
}

/**
 * Loads the image at `img_path` (mmcv's `LoadImageFromFile`): BGR uint8 (or float32) HWC, and
 * sets `img`, `img_shape` and `ori_shape` (`[h, w]`). Asynchronous: it reads the file.
 *
 * @example
 * await new LoadImageFromFile({}).transform({ img_path: 'cat.jpg' }, generator);
 */
export class LoadImageFromFile implements Transform {
  readonly toFloat32: boolean;
  readonly colorType: ColorType;
  readonly ignoreEmpty: boolean;

  static readonly optionNames = ['to_float32', 'color_type', 'imdecode_backend', 'file_client_args', 'ignore_empty', 'backend_args'];

  constructor(options: LoadImageFromFileOptions = {}) {
    this.toFloat32 = options.to_float32 ?? false;
    this.colorType = checkChoice(options.color_type ?? 'color', COLOR_TYPES, 'LoadImageFromFile', 'color_type');
    checkChoice(options.imdecode_backend ?? 'cv2', ['cv2', 'pillow', 'turbojpeg', 'tifffile'], 'LoadImageFromFile', 'imdecode_backend');
    this.ignoreEmpty = options.ignore_empty ?? false;
  }

  async transform(results: Sample): Promise<Sample | null> {
    const path = results.img_path;
    if (typeof path !== 'string') throw new Error(`LoadImageFromFile: the sample has no img_path (got ${JSON.stringify(path)})`);
    try {
      const image = await readImage(path, { colorType: this.colorType, toFloat32: this.toFloat32 });
      results.img = image;
      results.img_shape = imageShape(image).slice(0, 2);
      results.ori_shape = imageShape(image).slice(0, 2);
      return results;
    } catch (error) {
      if (this.ignoreEmpty) return null;
      throw error;
    }
  }
}
