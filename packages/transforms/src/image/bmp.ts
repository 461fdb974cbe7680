import { type Image, createImage } from './image';

/**
 * Decodes an uncompressed BMP (what sharp cannot read): 24- and 32-bit BGR(A) (`BI_RGB`, or
 * `BI_BITFIELDS` with the standard masks) and 1-, 4- and 8-bit paletted images, bottom-up or
 * top-down. Returns the pixels as stored (BGR, or BGRA for 32-bit images with an alpha mask);
 * paletted images are expanded to BGR. `name` is used in error messages.
 *
 * @example
 * const image = decodeBmp(readFileSync('digit.bmp'), 'digit.bmp');
 */
export function decodeBmp(bytes: Uint8Array, name = 'BMP data'): Image {
  const fail = (reason: string): never => {
    throw new Error(`Cannot decode ${name}: ${reason}`);
  };
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) fail('not a BMP file (no "BM" signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  let width: number;
  let rawHeight: number;
  let bitCount: number;
  let compression = 0;
  let colorsUsed = 0;
  let paletteEntrySize = 4;
  if (headerSize === 12) {
    width = view.getUint16(18, true);
    rawHeight = view.getInt16(20, true);
    bitCount = view.getUint16(24, true);
    paletteEntrySize = 3;
  } else if (headerSize >= 40) {
    if (bytes.length < 14 + 40) fail('truncated header');
    width = view.getInt32(18, true);
    rawHeight = view.getInt32(22, true);
    bitCount = view.getUint16(28, true);
    compression = view.getUint32(30, true);
    colorsUsed = view.getUint32(46, true);
  } else {
    return fail(`unsupported header size ${headerSize}`);
  }
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) fail(`invalid size ${width}x${rawHeight}`);
  let alpha = false;
  if (compression === 3 && bitCount === 32) {
    const masks = headerSize >= 52 || pixelOffset >= 14 + headerSize + 12 ? [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true)] : [];
    const [red, green, blue] = masks;
    if (red !== 0x00ff0000 || green !== 0x0000ff00 || blue !== 0x000000ff) {
      fail(`unsupported BI_BITFIELDS masks ${masks.map((mask) => `0x${mask.toString(16)}`).join(', ')}`);
    }
    alpha = headerSize >= 56 && view.getUint32(66, true) === 0xff000000;
  } else if (compression !== 0) {
    fail(`compression ${compression} (RLE or other) is not supported; only uncompressed BMPs are`);
  }
  if (![1, 4, 8, 24, 32].includes(bitCount)) fail(`unsupported bit depth ${bitCount}`);
  const rowSize = Math.ceil((width * bitCount) / 32) * 4;
  if (pixelOffset + rowSize * height > bytes.length) fail(`truncated pixel data (${bytes.length} bytes, ${pixelOffset + rowSize * height} needed)`);
  const channels = bitCount === 32 && alpha ? 4 : 3;
  const image = createImage(height, width, channels, { channelOrder: channels === 4 ? 'bgra' : 'bgr' });
  const data = image.data as Uint8Array;
  let palette: Uint8Array | undefined;
  if (bitCount <= 8) {
    const entries = colorsUsed || 1 << bitCount;
    const start = 14 + headerSize;
    if (start + entries * paletteEntrySize > pixelOffset) fail('the palette overlaps the pixel data');
    palette = new Uint8Array(entries * 3);
    for (let index = 0; index < entries; index++) {
      for (let c = 0; c < 3; c++) palette[index * 3 + c] = bytes[start + index * paletteEntrySize + c] as number;
    }
  }
  for (let y = 0; y < height; y++) {
    const sourceRow = pixelOffset + (topDown ? y : height - 1 - y) * rowSize;
    const targetRow = y * width * channels;
    if (bitCount === 24 || bitCount === 32) {
      const step = bitCount / 8;
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) data[targetRow + x * channels + c] = bytes[sourceRow + x * step + c] as number;
      }
    } else {
      const perByte = 8 / bitCount;
      const mask = (1 << bitCount) - 1;
      for (let x = 0; x < width; x++) {
        const byte = bytes[sourceRow + Math.floor(x / perByte)] as number;
        const shift = 8 - bitCount * ((x % perByte) + 1);
        const index = (byte >> shift) & mask;
        if (index * 3 + 2 >= (palette as Uint8Array).length) fail(`palette index ${index} out of range`);
        for (let c = 0; c < 3; c++) data[targetRow + x * 3 + c] = (palette as Uint8Array)[index * 3 + c] as number;
      }
    }
  }
  return image;
}
