/** The border modes of padding and warping, by mmcv's names. */
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

/**
 * Maps an outside coordinate into `[0, length)` as OpenCV's `borderInterpolate`: `edge` repeats
 * the last pixel, `reflect` mirrors without repeating it (`BORDER_REFLECT_101`), `symmetric`
 * mirrors repeating it (`BORDER_REFLECT`); `constant` returns -1 (use the fill value).
 */
export function borderIndex(position: number, length: number, mode: PaddingMode): number {
  if (position >= 0 && position < length) return position;
  if (mode === 'constant') return -1;
  if (mode === 'edge') return position < 0 ? 0 : length - 1;
  if (length === 1) return 0;
  const delta = mode === 'reflect' ? 1 : 0;
  let p = position;
  do {
    if (p < 0) p = -p - 1 + delta;
    else p = length - 1 - (p - length) - delta;
  } while (p < 0 || p >= length);
  return p;
}

/**
 * The per-channel fill values OpenCV uses for a `cv::Scalar` border value given from Python: a
 * single number fills the first channel only (the others get 0), a sequence fills the channels in
 * order. mmcv passes some `pad_val` numbers straight to OpenCV, so MMPretrain's images get this.
 *
 * @example
 * cv2Scalar(128, 3); // [128, 0, 0]
 * cv2Scalar([1, 2, 3], 3); // [1, 2, 3]
 */
export function cv2Scalar(value: number | readonly number[], channels: number): number[] {
  const values = typeof value === 'number' ? [value] : [...value];
  return Array.from({ length: channels }, (_, channel) => (channel < 4 ? (values[channel] ?? 0) : 0));
}

/** A fill value per channel: a number for every channel, or one value per channel. */
export function perChannel(value: number | readonly number[], channels: number, owner: string, option = 'pad_val'): number[] {
  if (typeof value === 'number') return new Array<number>(channels).fill(value);
  if (value.length !== channels) {
    throw new RangeError(`${owner}: ${option} has ${value.length} values but the image has ${channels} channels`);
  }
  return [...value];
}
