import sharp from 'sharp';
import { createImage } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { renderPanels } from './panel-grid';

/** A uint8 RGB image of one colour. */
function solid(height: number, width: number, rgb: [number, number, number]) {
  const data = new Uint8Array(height * width * 3);
  for (let index = 0; index < data.length; index++) data[index] = rgb[index % 3] as number;
  return createImage(height, width, 3, { channelOrder: 'rgb', data });
}

describe('renderPanels', () => {
  it('writes the title and captions in black with the bitmap font, above the images', async () => {
    const png = await renderPanels([{ image: solid(20, 30, [255, 0, 0]), caption: 'cat' }, { image: solid(20, 30, [0, 0, 255]), caption: 'dog' }], 'sample 0');
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
    const darkIn = (x0: number, y0: number, x1: number, y1: number) => {
      let count = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (pixel(x, y).every((value) => value < 64)) count++;
      return count;
    };
    // Title line (y 4..18) and caption line (y 24..38) hold black glyph pixels; the margins stay white.
    expect(darkIn(0, 4, info.width, 18)).toBeGreaterThan(20);
    expect(darkIn(0, 24, info.width, 38)).toBeGreaterThan(20);
    expect(pixel(0, 0)).toEqual([255, 255, 255]);
    // The images sit below the captions, centred in columns 34 pixels wide (3 characters), in their colours.
    const top = 4 + 20 + 16;
    expect(pixel(4 + 2 + 15, top + 10)).toEqual([255, 0, 0]);
    expect(pixel(4 + 34 + 4 + 2 + 15, top + 10)).toEqual([0, 0, 255]);
    expect(info.width).toBe(8 * 12 - 2 + 8);
    expect(info.height).toBe(top + 20 + 4);
  });

  it('widens a column to its caption', async () => {
    const png = await renderPanels([{ image: solid(4, 4, [0, 255, 0]), caption: 'a long caption' }]);
    const { width } = await sharp(png).metadata();
    // 14 characters of 6 font pixels at scale 2, less the last gap, and two margins.
    expect(width).toBe(14 * 12 - 2 + 8);
  });
});
