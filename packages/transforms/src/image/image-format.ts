/** The image formats the decoder reads. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'bmp';

/** The formats {@link detectImageFormat} recognises, for messages. */
export const SUPPORTED_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'gif', 'webp', 'tiff', 'bmp'];

/**
 * The format of encoded image bytes, from their signature; `undefined` for anything else.
 *
 * @example
 * detectImageFormat(readFileSync('cat.jpg')); // 'jpeg'
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const at = (index: number) => bytes[index];
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpeg';
  if (bytes.length >= 8 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png';
  if (bytes.length >= 6 && at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'gif';
  if (bytes.length >= 12 && at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) {
    return 'webp';
  }
  if (bytes.length >= 4 && ((at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0x00) || (at(0) === 0x4d && at(1) === 0x4d && at(2) === 0x00 && at(3) === 0x2a))) {
    return 'tiff';
  }
  if (bytes.length >= 2 && at(0) === 0x42 && at(1) === 0x4d) return 'bmp';
  return undefined;
}
