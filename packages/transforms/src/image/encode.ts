import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import sharp from 'sharp';
import type { Image } from './image';

/** The formats {@link encodeImage} writes. */
export type EncodeFormat = 'png' | 'jpeg';

/** The options of {@link encodeImage}. */
export interface EncodeOptions {
  /** JPEG quality, 1-100. Defaults to 95 (OpenCV's default). */
  quality?: number;
}

/**
 * Encodes a uint8 HWC image (1, 3 or 4 channels, any channel order) to PNG or JPEG with sharp.
 *
 * @example
 * const png = await encodeImage(image, 'png');
 */
export async function encodeImage(image: Image, format: EncodeFormat, options: EncodeOptions = {}): Promise<Buffer> {
  if (!(image.data instanceof Uint8Array)) throw new TypeError('encodeImage: expects a uint8 image; convert float32 images first');
  if (image.layout !== 'hwc') throw new Error('encodeImage: expects an HWC image, got CHW');
  if (![1, 3, 4].includes(image.channels)) throw new RangeError(`encodeImage: expects 1, 3 or 4 channels, got ${image.channels}`);
  if (format !== 'png' && format !== 'jpeg') throw new RangeError(`encodeImage: format must be 'png' or 'jpeg', got ${JSON.stringify(format)}`);
  let data = image.data;
  if (image.channelOrder === 'bgr' || image.channelOrder === 'bgra') {
    data = data.slice();
    for (let at = 0; at < data.length; at += image.channels) {
      const blue = data[at] as number;
      data[at] = data[at + 2] as number;
      data[at + 2] = blue;
    }
  }
  const input = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 | 4 },
  });
  if (format === 'png') return input.png().toBuffer();
  return input.jpeg({ quality: options.quality ?? 95 }).toBuffer();
}

/**
 * Encodes an image and writes it to a file; the format comes from the extension (`.png`, `.jpg`,
 * `.jpeg`).
 */
export async function writeImage(path: string, image: Image, options: EncodeOptions = {}): Promise<void> {
  const extension = extname(path).toLowerCase();
  const format: EncodeFormat | undefined = extension === '.png' ? 'png' : extension === '.jpg' || extension === '.jpeg' ? 'jpeg' : undefined;
  if (!format) throw new RangeError(`writeImage: cannot tell the format of "${path}" (use .png, .jpg or .jpeg)`);
  await writeFile(path, await encodeImage(image, format, options));
}
