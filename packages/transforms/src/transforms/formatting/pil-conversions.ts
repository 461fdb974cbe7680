import { swapRedBlue } from '../../image/color';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';
import { sampleImage } from '../sample-image';

/** The options of {@link NumpyToPIL}. */
export interface NumpyToPILOptions {
  /** Convert BGR to RGB. Defaults to false. */
  to_rgb?: boolean;
}

/**
 * MMPretrain's `NumpyToPIL` (also `ToPIL`): the OpenCV-style image becomes what torchvision's PIL
 * transforms expect — a uint8 HWC image, RGB when `to_rgb` (from BGR). torchvision transforms
 * treat the channels as R, G, B in memory order.
 *
 * @example
 * new NumpyToPIL({ to_rgb: true });
 */
export class NumpyToPIL implements Transform {
  readonly toRgb: boolean;

  static readonly optionNames = ['to_rgb'];

  constructor(options: NumpyToPILOptions = {}) {
    this.toRgb = options.to_rgb ?? false;
  }

  transform(results: Sample): Sample {
    const image = sampleImage(results, 'NumpyToPIL');
    if (!(image.data instanceof Uint8Array)) throw new TypeError('NumpyToPIL: expects a uint8 image');
    if (image.layout !== 'hwc') throw new Error('NumpyToPIL: expects an HWC image');
    results.img = this.toRgb ? swapRedBlue(image) : image;
    return results;
  }
}

/** The options of {@link PILToNumpy}. */
export interface PILToNumpyOptions {
  /** Convert RGB to BGR. Defaults to false. */
  to_bgr?: boolean;
  /** Convert to this dtype (`'uint8'` or `'float32'`). */
  dtype?: 'uint8' | 'float32' | null;
}

/**
 * MMPretrain's `PILToNumpy` (also `ToNumpy`): back to an OpenCV-style image, BGR when `to_bgr`,
 * optionally in another dtype.
 *
 * @example
 * new PILToNumpy({ to_bgr: true });
 */
export class PILToNumpy implements Transform {
  readonly toBgr: boolean;
  readonly dtype: 'uint8' | 'float32' | undefined;

  static readonly optionNames = ['to_bgr', 'dtype'];

  constructor(options: PILToNumpyOptions = {}) {
    this.toBgr = options.to_bgr ?? false;
    if (options.dtype !== undefined && options.dtype !== null && options.dtype !== 'uint8' && options.dtype !== 'float32') {
      throw new RangeError(`PILToNumpy: dtype must be 'uint8' or 'float32', got ${JSON.stringify(options.dtype)}`);
    }
    this.dtype = options.dtype ?? undefined;
  }

  transform(results: Sample): Sample {
    let image = sampleImage(results, 'PILToNumpy');
    if (this.dtype === 'float32' && !(image.data instanceof Float32Array)) image = { ...image, data: Float32Array.from(image.data) };
    if (this.dtype === 'uint8' && !(image.data instanceof Uint8Array)) {
      const data = new Uint8Array(image.data.length);
      for (let i = 0; i < data.length; i++) data[i] = Math.trunc(image.data[i] as number) & 255;
      image = { ...image, data };
    }
    results.img = this.toBgr ? swapRedBlue(image) : image;
    return results;
  }
}
