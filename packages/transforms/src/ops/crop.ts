import { type Image, assertHwc, createImage, pixelDtype } from '../image/image';

/**
 * Copies the region `[top, top + height) x [left, left + width)` of an HWC image (the caller
 * keeps the region inside the image).
 *
 * @example
 * cropRegion(image, 10, 20, 224, 224);
 */
export function cropRegion(image: Image, top: number, left: number, height: number, width: number): Image {
  assertHwc(image, 'crop');
  if (top < 0 || left < 0 || height < 0 || width < 0 || top + height > image.height || left + width > image.width) {
    throw new RangeError(
      `crop: the region (top ${top}, left ${left}, height ${height}, width ${width}) is outside the ${image.height}x${image.width} image`,
    );
  }
  const { channels } = image;
  const output = createImage(height, width, channels, { dtype: pixelDtype(image), channelOrder: image.channelOrder });
  const rowLength = width * channels;
  const source = image.data;
  for (let y = 0; y < height; y++) {
    const start = ((top + y) * image.width + left) * channels;
    (output.data as Uint8Array).set((source as Uint8Array).subarray(start, start + rowLength), y * rowLength);
  }
  return output;
}

/**
 * Crops by an inclusive box `[x1, y1, x2, y2]` as mmcv's `imcrop`: the box is truncated to
 * integers (numpy `astype(int32)`), clipped to the image, and rows `y1..y2`, columns `x1..x2` are
 * kept (an empty image when `x2 < x1` or `y2 < y1`).
 *
 * @example
 * imcrop(image, [offsetW, offsetH, offsetW + targetW - 1, offsetH + targetH - 1]);
 */
export function imcrop(image: Image, box: readonly [number, number, number, number]): Image {
  const clip = (value: number, max: number) => Math.max(Math.min(Math.trunc(value), max), 0);
  const x1 = clip(box[0], image.width - 1);
  const y1 = clip(box[1], image.height - 1);
  const x2 = clip(box[2], image.width - 1);
  const y2 = clip(box[3], image.height - 1);
  return cropRegion(image, y1, x1, Math.max(0, y2 - y1 + 1), Math.max(0, x2 - x1 + 1));
}
