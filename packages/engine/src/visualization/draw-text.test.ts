import { createImage } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { drawTextBox, measureText } from './draw-text';

function gray(height: number, width: number, value: number) {
  return createImage(height, width, 3, { data: new Uint8Array(height * width * 3).fill(value), channelOrder: 'rgb' });
}

function pixel(image: ReturnType<typeof gray>, x: number, y: number): number[] {
  const at = (y * image.width + x) * 3;
  return Array.from(image.data.slice(at, at + 3));
}

describe('measureText', () => {
  it('measures 6 font pixels per character and 10 per line, without the trailing gaps', () => {
    expect(measureText(['Prediction: 3'], 2)).toEqual({ width: 154, height: 16 });
    expect(measureText(['ab', 'abcd'], 1)).toEqual({ width: 23, height: 18 });
    expect(measureText([], 1)).toEqual({ width: 0, height: 0 });
  });
});

describe('drawTextBox', () => {
  it('writes white glyphs over a half-transparent black box', () => {
    const image = gray(20, 20, 200);
    drawTextBox(image, ['T'], { x: 4, y: 4 });
    // The top bar of the T, then its stem.
    for (let x = 4; x < 9; x++) expect(pixel(image, x, 4)).toEqual([255, 255, 255]);
    expect(pixel(image, 6, 10)).toEqual([255, 255, 255]);
    expect(pixel(image, 4, 10)).toEqual([100, 100, 100]); // box: half of 200
    expect(pixel(image, 2, 2)).toEqual([100, 100, 100]); // the padding (2 pixels)
    expect(pixel(image, 1, 1)).toEqual([200, 200, 200]); // outside the box
    expect(pixel(image, 11, 4)).toEqual([200, 200, 200]);
  });

  it('scales glyphs by whole pixels and clips at the image border', () => {
    const image = gray(12, 12, 0);
    drawTextBox(image, ['TT'], { x: 1, y: 1, scale: 2, color: [255, 0, 0], backgroundAlpha: 0 });
    expect(pixel(image, 1, 1)).toEqual([255, 0, 0]);
    expect(pixel(image, 10, 2)).toEqual([255, 0, 0]); // the end of the first bar (2 x 5 = 10 pixels)
    expect(pixel(image, 11, 1)).toEqual([0, 0, 0]); // the gap between the characters
    expect(pixel(image, 5, 11)).toEqual([255, 0, 0]); // the stem, cut by the bottom border
  });

  it('refuses images it cannot draw on', () => {
    const single = createImage(4, 4, 1);
    expect(() => drawTextBox(single, ['a'], { x: 0, y: 0 })).toThrow(/3 channels/);
    expect(() => drawTextBox(gray(4, 4, 0), ['a'], { x: 0, y: 0, scale: 1.5 })).toThrow(/scale/);
  });
});
