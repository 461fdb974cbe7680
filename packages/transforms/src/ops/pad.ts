import { type Image, assertHwc, createImage, pixelDtype } from '../image/image';
import { type PaddingMode, borderIndex } from './border';

/** The options of {@link impad}. */
export interface PadOptions {
  /** Pad to this `[height, width]` (bottom and right). Exclusive with `padding`. */
  shape?: readonly [number, number];
  /**
   * The padding of each border: one number for all, `[leftRight, topBottom]`, or
   * `[left, top, right, bottom]`. Exclusive with `shape`.
   */
  padding?: number | readonly [number, number] | readonly [number, number, number, number];
  /** One value per channel for `constant` padding (see `cv2Scalar`). Defaults to zeros. */
  fill?: readonly number[];
  /** Defaults to `'constant'`. */
  paddingMode?: PaddingMode;
}

/**
 * Pads an HWC image as mmcv's `impad` (`cv2.copyMakeBorder`): `constant`, `edge`, `reflect`
 * (without repeating the edge) or `symmetric` (repeating it).
 *
 * @example
 * impad(image, { padding: 4, fill: [0, 0, 0] });
 * impad(image, { shape: [224, 224], paddingMode: 'reflect' });
 */
export function impad(image: Image, options: PadOptions): Image {
  assertHwc(image, 'impad');
  if ((options.shape === undefined) === (options.padding === undefined)) {
    throw new Error('impad: give exactly one of shape and padding');
  }
  let left: number;
  let top: number;
  let right: number;
  let bottom: number;
  if (options.shape) {
    [left, top, right, bottom] = [0, 0, options.shape[1] - image.width, options.shape[0] - image.height];
  } else {
    const padding = options.padding as number | readonly number[];
    if (typeof padding === 'number') [left, top, right, bottom] = [padding, padding, padding, padding];
    else if (padding.length === 2) [left, top, right, bottom] = [padding[0] as number, padding[1] as number, padding[0] as number, padding[1] as number];
    else if (padding.length === 4) [left, top, right, bottom] = padding as [number, number, number, number];
    else throw new RangeError(`impad: padding must be a number or a 2- or 4-element array, got [${padding.join(', ')}]`);
  }
  for (const [name, value] of [
    ['left', left],
    ['top', top],
    ['right', right],
    ['bottom', bottom],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`impad: the ${name} padding must be a non-negative integer, got ${value} (image ${image.height}x${image.width})`);
    }
  }
  const mode = options.paddingMode ?? 'constant';
  if (!['constant', 'edge', 'reflect', 'symmetric'].includes(mode)) {
    throw new RangeError(`impad: padding_mode must be 'constant', 'edge', 'reflect' or 'symmetric', got ${JSON.stringify(mode)}`);
  }
  const { channels } = image;
  const height = image.height + top + bottom;
  const width = image.width + left + right;
  const output = createImage(height, width, channels, { dtype: pixelDtype(image), channelOrder: image.channelOrder });
  const fill = options.fill ?? [];
  const source = image.data;
  const target = output.data;
  const columns = new Int32Array(width);
  for (let x = 0; x < width; x++) columns[x] = image.width === 0 ? -1 : borderIndex(x - left, image.width, mode);
  for (let y = 0; y < height; y++) {
    const row = image.height === 0 ? -1 : borderIndex(y - top, image.height, mode);
    for (let x = 0; x < width; x++) {
      const column = columns[x] as number;
      const out = (y * width + x) * channels;
      if (row < 0 || column < 0) {
        for (let c = 0; c < channels; c++) target[out + c] = fill[c] ?? 0;
      } else {
        const at = (row * image.width + column) * channels;
        for (let c = 0; c < channels; c++) target[out + c] = source[at + c] as number;
      }
    }
  }
  return output;
}
