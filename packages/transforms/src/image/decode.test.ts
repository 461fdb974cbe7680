import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { type EncodedImage, compareImages, decodeImage as decodeFixture, readFixture } from '../ops/__fixtures__/read-fixture';
import { decodeBmp } from './bmp';
import { decodeImage, readImage } from './decode';
import { encodeImage, writeImage } from './encode';
import { createImage } from './image';
import { detectImageFormat } from './image-format';

const directory = mkdtempSync(join(tmpdir(), 'mmpt-decode-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A 6x5 BGR test image with distinct channels. */
function testImage() {
  const data = new Uint8Array(6 * 5 * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + 11) % 256;
  return createImage(6, 5, 3, { data });
}

interface DecodeCase {
  name: string;
  bytes: string;
  input: EncodedImage;
  output: EncodedImage;
}

describe('decodeImage against cv2.imdecode', () => {
  for (const c of readFixture<DecodeCase>('decode.json').cases) {
    it(c.name, async () => {
      const bytes = new Uint8Array(Buffer.from(c.bytes, 'base64'));
      const colorType = c.name.includes('grayscale') ? 'grayscale' : 'color';
      const image = await decodeImage(bytes, { colorType });
      // OpenCV's PNG reader converts to gray with libpng's own weights: within one level.
      expect(compareImages(image, decodeFixture(c.output)).maxDifference).toBeLessThanOrEqual(colorType === 'color' ? 0 : 1);
      expect(image.channelOrder).toBe(colorType === 'color' ? 'bgr' : 'gray');
    });
  }
});

describe('decodeImage and encodeImage with sharp', () => {
  it('round-trips PNG exactly in BGR order, and converts to float32 or RGB on request', async () => {
    const image = testImage();
    const png = await encodeImage(image, 'png');
    expect(detectImageFormat(png)).toBe('png');
    const decoded = await decodeImage(png);
    expect(Array.from(decoded.data)).toEqual(Array.from(image.data));
    const float = await decodeImage(png, { toFloat32: true, channelOrder: 'rgb' });
    expect(float.data).toBeInstanceOf(Float32Array);
    expect([float.data[0], float.data[2]]).toEqual([image.data[2], image.data[0]]);
  });

  it('reads JPEG, WebP, GIF and TIFF files, and keeps alpha with unchanged', async () => {
    const image = testImage();
    const rgb = Buffer.from(image.data);
    for (let at = 0; at < rgb.length; at += 3) [rgb[at], rgb[at + 2]] = [rgb[at + 2] as number, rgb[at] as number];
    const raw = { raw: { width: 5, height: 6, channels: 3 as const } };
    for (const [format, bytes] of [
      ['jpeg', await sharp(rgb, raw).jpeg({ quality: 100 }).toBuffer()],
      ['webp', await sharp(rgb, raw).webp({ lossless: true }).toBuffer()],
      ['gif', await sharp(rgb, raw).gif().toBuffer()],
      ['tiff', await sharp(rgb, raw).tiff({ compression: 'lzw' }).toBuffer()],
    ] as const) {
      const path = join(directory, `image.${format}`);
      writeFileSync(path, bytes);
      const decoded = await readImage(path);
      expect([format, decoded.height, decoded.width, decoded.channels]).toEqual([format, 6, 5, 3]);
      if (format === 'webp' || format === 'tiff') expect(compareImages(decoded, image).maxDifference).toBe(0);
      const gray = await readImage(path, { colorType: 'grayscale' });
      expect(gray.channels).toBe(1);
    }
    const rgba = await sharp(Buffer.alloc(2 * 2 * 4, 200), { raw: { width: 2, height: 2, channels: 4 } }).png().toBuffer();
    expect((await decodeImage(rgba, { colorType: 'unchanged' })).channels).toBe(4);
    expect((await decodeImage(rgba)).channels).toBe(3);
  });

  it('writes PNG and JPEG files by extension', async () => {
    const image = testImage();
    await writeImage(join(directory, 'out.png'), image);
    expect(Array.from((await readImage(join(directory, 'out.png'))).data)).toEqual(Array.from(image.data));
    await writeImage(join(directory, 'out.jpg'), image);
    expect((await readImage(join(directory, 'out.jpg'))).width).toBe(5);
    await expect(writeImage(join(directory, 'out.gif'), image)).rejects.toThrow(/cannot tell the format/);
    await expect(encodeImage(createImage(2, 2, 3, { dtype: 'float32' }), 'png')).rejects.toThrow(/uint8/);
  });

  it('names the file in errors: missing, corrupt, truncated, unsupported', async () => {
    await expect(readImage(join(directory, 'missing.jpg'))).rejects.toThrow(/missing\.jpg.*no such file/);
    const corrupt = join(directory, 'corrupt.jpg');
    writeFileSync(corrupt, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7]));
    await expect(readImage(corrupt)).rejects.toThrow(/corrupt\.jpg/);
    const jpeg = await encodeImage(createImage(64, 64, 3, { data: Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7) % 256) }), 'jpeg');
    const truncated = join(directory, 'truncated.jpg');
    writeFileSync(truncated, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    await expect(readImage(truncated)).rejects.toThrow(/truncated\.jpg/);
    const text = join(directory, 'notes.png');
    writeFileSync(text, 'hello world');
    await expect(readImage(text)).rejects.toThrow(/notes\.png.*unsupported or unrecognised image format/);
    await expect(decodeImage(new Uint8Array(4), { colorType: 'color' as never, name: 'x' })).rejects.toThrow(/unsupported/);
    await expect(decodeImage(new Uint8Array(4), { colorType: 'rgb' as never })).rejects.toThrow(/color_type must be one of/);
  });
});

describe('decodeBmp', () => {
  /** A hand-written top-down 32-bit BI_RGB BMP of 2x1 pixels. */
  function bmp32(): Uint8Array {
    const bytes = new Uint8Array(54 + 8);
    const view = new DataView(bytes.buffer);
    bytes.set([0x42, 0x4d]);
    view.setUint32(2, bytes.length, true);
    view.setUint32(10, 54, true);
    view.setUint32(14, 40, true);
    view.setInt32(18, 2, true);
    view.setInt32(22, -1, true);
    view.setUint16(26, 1, true);
    view.setUint16(28, 32, true);
    bytes.set([1, 2, 3, 0, 4, 5, 6, 0], 54);
    return bytes;
  }

  it('reads top-down 32-bit images as BGR', () => {
    const image = decodeBmp(bmp32());
    expect([image.height, image.width, image.channels]).toEqual([1, 2, 3]);
    expect(Array.from(image.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects RLE compression and truncated data with the name', () => {
    const rle = bmp32();
    new DataView(rle.buffer).setUint32(30, 1, true);
    expect(() => decodeBmp(rle, 'a.bmp')).toThrow(/a\.bmp: compression 1/);
    expect(() => decodeBmp(bmp32().subarray(0, 58), 'b.bmp')).toThrow(/b\.bmp: truncated pixel data/);
  });
});
