import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { decodeBmp } from './bmp';
import { cv2GrayUint8 } from './color';
import { type Image, createImage } from './image';
import { SUPPORTED_FORMATS, detectImageFormat } from './image-format';

/**
 * How to decode, as mmcv's `imfrombytes` flags: `color` (3 channels, EXIF orientation applied),
 * `grayscale` (1 channel), `unchanged` (the stored channels, alpha kept, no orientation), and the
 * `_ignore_orientation` variants.
 */
export type ColorType = 'color' | 'grayscale' | 'unchanged' | 'color_ignore_orientation' | 'grayscale_ignore_orientation';

/** The color types {@link decodeImage} accepts. */
export const COLOR_TYPES: readonly ColorType[] = ['color', 'grayscale', 'unchanged', 'color_ignore_orientation', 'grayscale_ignore_orientation'];

/** The options of {@link decodeImage} and {@link readImage}. */
export interface DecodeOptions {
  /** Defaults to `'color'`. */
  colorType?: ColorType;
  /** Convert the values to float32 (0..255). Defaults to false. */
  toFloat32?: boolean;
  /** `'bgr'` (MMPretrain's default, as OpenCV) or `'rgb'`. */
  channelOrder?: 'bgr' | 'rgb';
  /** The name used in error messages (a file path). */
  name?: string;
}

/**
 * Decodes a JPEG, PNG, WebP, GIF (first frame), TIFF or BMP image into an HWC uint8 (or float32)
 * image in BGR order, as MMPretrain's `LoadImageFromFile` with OpenCV. Decoding uses sharp (libvips);
 * uncompressed BMPs are decoded here. Grayscale conversion uses OpenCV's weights on the decoded RGB
 * (OpenCV reads a JPEG's luma plane directly, which can differ by one level). Corrupt, truncated or
 * unsupported data throws an error that names the source.
 *
 * @example
 * const image = await decodeImage(bytes, { colorType: 'color', name: 'cat.jpg' });
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Image> {
  const name = options.name ?? 'image data';
  const colorType = options.colorType ?? 'color';
  if (!COLOR_TYPES.includes(colorType)) {
    throw new RangeError(`decodeImage: color_type must be one of ${COLOR_TYPES.map((type) => `'${type}'`).join(', ')}, got ${JSON.stringify(colorType)}`);
  }
  const format = detectImageFormat(bytes);
  if (!format) {
    throw new Error(`Cannot decode ${name}: unsupported or unrecognised image format (supported: ${SUPPORTED_FORMATS.join(', ')})`);
  }
  let decoded: Image;
  if (format === 'bmp') {
    decoded = decodeBmp(bytes, name);
  } else {
    decoded = await decodeWithSharp(bytes, colorType, name);
  }
  let image = adaptChannels(decoded, colorType);
  if (options.channelOrder === 'rgb') image = toRgb(image);
  if (options.toFloat32) image = { ...image, data: Float32Array.from(image.data) };
  return image;
}

/**
 * Reads and decodes an image file (see {@link decodeImage}); a missing or unreadable file throws
 * an error that names it.
 *
 * @example
 * const image = await readImage('data/imagenet/train/n01440764/a.JPEG');
 */
export async function readImage(path: string, options: DecodeOptions = {}): Promise<Image> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`Cannot read image file "${path}": ${reason}`, { cause: error });
  }
  return decodeImage(bytes, { ...options, name: options.name ?? `image file "${path}"` });
}

async function decodeWithSharp(bytes: Uint8Array, colorType: ColorType, name: string): Promise<Image> {
  try {
    let pipeline = sharp(bytes, { failOn: 'warning' });
    if (colorType === 'color' || colorType === 'grayscale') pipeline = pipeline.rotate();
    if (colorType !== 'unchanged') pipeline = pipeline.removeAlpha().toColourspace('srgb');
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const rgb = createImage(info.height, info.width, info.channels, { data: pixels, channelOrder: channelOrderOfRgb(info.channels) });
    return toBgr(rgb);
  } catch (error) {
    throw new Error(`Cannot decode ${name}: ${(error as Error).message}`, { cause: error });
  }
}

function channelOrderOfRgb(channels: number): Image['channelOrder'] {
  if (channels === 1 || channels === 2) return 'gray';
  return channels === 4 ? 'rgba' : 'rgb';
}

function toBgr(image: Image): Image {
  if (image.channels < 3) return image;
  const data = image.data.slice();
  for (let at = 0; at < data.length; at += image.channels) {
    const red = data[at] as number;
    data[at] = data[at + 2] as number;
    data[at + 2] = red;
  }
  return { ...image, data, channelOrder: image.channels === 4 ? 'bgra' : 'bgr' };
}

function toRgb(image: Image): Image {
  return image.channels < 3 ? image : { ...toBgr(image), channelOrder: image.channels === 4 ? 'rgba' : 'rgb' };
}

/** Converts decoded BGR(A) or gray pixels to the channels a color type asks for. */
function adaptChannels(image: Image, colorType: ColorType): Image {
  const grayscale = colorType === 'grayscale' || colorType === 'grayscale_ignore_orientation';
  if (colorType === 'unchanged') return image;
  const { height, width, channels } = image;
  const source = image.data;
  if (grayscale) {
    if (channels === 1) return image;
    const output = createImage(height, width, 1);
    for (let i = 0, at = 0; i < height * width; i++, at += channels) {
      output.data[i] = channels >= 3 ? cv2GrayUint8(source[at] as number, source[at + 1] as number, source[at + 2] as number) : (source[at] as number);
    }
    return output;
  }
  if (channels === 3) return image;
  const output = createImage(height, width, 3, { channelOrder: 'bgr' });
  for (let i = 0, at = 0; i < height * width; i++, at += channels) {
    for (let c = 0; c < 3; c++) output.data[i * 3 + c] = source[channels >= 3 ? at + c : at] as number;
  }
  return output;
}
