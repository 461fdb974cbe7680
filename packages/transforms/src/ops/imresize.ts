import type { Image } from '../image/image';
import type { Interpolation, PillowInterpolation, ResizeBackend } from './interpolation';
import { resizeCv2 } from './resize-cv2';
import { resizePillow } from './resize-pillow';

/**
 * Resizes to `[width, height]` with mmcv's `imresize` semantics: the `cv2` backend reproduces
 * `cv2.resize`, the `pillow` backend Pillow's `Image.resize` (uint8 only; `area` is not a Pillow
 * filter).
 *
 * @example
 * imresize(image, [224, 224], 'bicubic', 'pillow');
 */
export function imresize(
  image: Image,
  size: readonly [number, number],
  interpolation: Interpolation | PillowInterpolation = 'bilinear',
  backend: ResizeBackend = 'cv2',
): Image {
  const [width, height] = size;
  if (backend === 'pillow') {
    if (interpolation === 'area') throw new RangeError("imresize: the pillow backend has no 'area' interpolation");
    return resizePillow(image, width, height, interpolation);
  }
  if (interpolation === 'box' || interpolation === 'hamming') throw new RangeError(`imresize: the cv2 backend has no '${interpolation}' interpolation`);
  return resizeCv2(image, width, height, interpolation);
}

/** mmcv's `_scale_size`: `(int(w * scale + 0.5), int(h * scale + 0.5))`. */
export function scaleSize(size: readonly [number, number], scale: number | readonly [number, number]): [number, number] {
  const [sx, sy] = typeof scale === 'number' ? [scale, scale] : scale;
  return [Math.trunc(size[0] * sx + 0.5), Math.trunc(size[1] * sy + 0.5)];
}

/**
 * mmcv's `rescale_size`: the size `(w, h)` an image gets when rescaled by a factor, or as large as
 * possible within a `(long, short)` scale while keeping its aspect ratio.
 *
 * @example
 * rescaleSize([500, 375], [1333, 800]); // [[1067, 800], 2.1333]
 */
export function rescaleSize(oldSize: readonly [number, number], scale: number | readonly [number, number]): [[number, number], number] {
  const [w, h] = oldSize;
  let factor: number;
  if (typeof scale === 'number') {
    if (!(scale > 0)) throw new RangeError(`rescale: invalid scale ${scale}, must be positive`);
    factor = scale;
  } else {
    const maxLong = Math.max(scale[0], scale[1]);
    const maxShort = Math.min(scale[0], scale[1]);
    factor = Math.min(maxLong / Math.max(h, w), maxShort / Math.min(h, w));
  }
  return [scaleSize([w, h], factor), factor];
}
