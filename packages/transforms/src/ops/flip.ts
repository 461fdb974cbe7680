import { type Image, createImage, pixelDtype } from '../image/image';

/** The flip directions of mmcv's `imflip`. */
export type FlipDirection = 'horizontal' | 'vertical' | 'diagonal';

/**
 * Flips an image (HWC or CHW) horizontally, vertically or both (`diagonal`), as mmcv's `imflip`.
 *
 * @example
 * imflip(image, 'horizontal');
 */
export function imflip(image: Image, direction: FlipDirection = 'horizontal'): Image {
  if (direction !== 'horizontal' && direction !== 'vertical' && direction !== 'diagonal') {
    throw new RangeError(`imflip: direction must be 'horizontal', 'vertical' or 'diagonal', got ${JSON.stringify(direction)}`);
  }
  const { height, width, channels } = image;
  const output = createImage(height, width, channels, { dtype: pixelDtype(image), channelOrder: image.channelOrder, layout: image.layout });
  const flipX = direction !== 'vertical';
  const flipY = direction !== 'horizontal';
  const source = image.data;
  const target = output.data;
  if (image.layout === 'chw') {
    for (let c = 0; c < channels; c++) {
      const plane = c * height * width;
      for (let y = 0; y < height; y++) {
        const from = plane + (flipY ? height - 1 - y : y) * width;
        const to = plane + y * width;
        for (let x = 0; x < width; x++) target[to + x] = source[from + (flipX ? width - 1 - x : x)] as number;
      }
    }
    return output;
  }
  const rowLength = width * channels;
  for (let y = 0; y < height; y++) {
    const from = (flipY ? height - 1 - y : y) * rowLength;
    const to = y * rowLength;
    if (!flipX) {
      (target as Uint8Array).set((source as Uint8Array).subarray(from, from + rowLength), to);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const a = from + (width - 1 - x) * channels;
      const b = to + x * channels;
      for (let c = 0; c < channels; c++) target[b + c] = source[a + c] as number;
    }
  }
  return output;
}
