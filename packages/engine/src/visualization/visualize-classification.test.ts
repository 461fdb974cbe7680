import { DataSample } from '@mmpt/structures';
import { type Image, createImage } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { adaptiveScale, visualizeClassification } from './visualize-classification';

function gray(height: number, width: number, value: number): Image {
  return createImage(height, width, 3, { data: new Uint8Array(height * width * 3).fill(value), channelOrder: 'rgb' });
}

/** The pixels of a region that differ from `value`, and how many of them are white. */
function changed(image: Image, value: number, region: { x0: number; y0: number; x1: number; y1: number }) {
  let different = 0;
  let white = 0;
  for (let y = region.y0; y < region.y1; y++) {
    for (let x = region.x0; x < region.x1; x++) {
      const at = (y * image.width + x) * 3;
      if (image.data[at] !== value) different++;
      if (image.data[at] === 255 && image.data[at + 1] === 255 && image.data[at + 2] === 255) white++;
    }
  }
  return { different, white };
}

describe('adaptiveScale', () => {
  it("is MMPretrain's short edge over 224, clamped to [0.3, 3]", () => {
    expect(adaptiveScale(224, 500)).toBe(1);
    expect(adaptiveScale(448, 600)).toBe(2);
    expect(adaptiveScale(32, 32)).toBe(0.3);
    expect(adaptiveScale(2000, 1000)).toBe(3);
  });
});

describe('visualizeClassification', () => {
  const sample = new DataSample().setGtLabel(0).setPredLabel(0).setPredScore([0.75, 0.25]);

  it('writes the labels at the top left and leaves the rest and the input alone', () => {
    const image = gray(224, 224, 128);
    const drawn = visualizeClassification(image, sample, { classes: ['tench', 'goldfish'] });
    expect(image.data.every((value) => value === 128)).toBe(true);
    // Two lines at 5 pixels from the corner, one font pixel per image pixel: 'Prediction: 0, 0.75 (tench)' is 27 characters.
    const label = changed(drawn, 128, { x0: 0, y0: 0, x1: 170, y1: 30 });
    expect(label.white).toBeGreaterThan(100);
    expect(label.different).toBeGreaterThan(2000);
    expect(changed(drawn, 128, { x0: 0, y0: 30, x1: 224, y1: 224 }).different).toBe(0);
    expect(changed(drawn, 128, { x0: 170, y0: 0, x1: 224, y1: 224 }).different).toBe(0);
  });

  it('grows the font with the image', () => {
    const drawn = visualizeClassification(gray(448, 448, 128), sample);
    // Scale 2: text from (10, 10), 'Ground truth: 0' 15 characters wide = 178 pixels.
    expect(changed(drawn, 128, { x0: 150, y0: 10, x1: 190, y1: 26 }).white).toBeGreaterThan(0);
    expect(changed(drawn, 128, { x0: 0, y0: 60, x1: 448, y1: 448 }).different).toBe(0);
  });

  it('resizes the short edge or rescales first', () => {
    expect(visualizeClassification(gray(8, 16, 0), sample, { resize: 32 })).toMatchObject({ height: 32, width: 64 });
    expect(visualizeClassification(gray(16, 10, 0), sample, { resize: 32 })).toMatchObject({ height: 51, width: 32 });
    expect(visualizeClassification(gray(10, 20, 0), sample, { rescaleFactor: 1.5 })).toMatchObject({ height: 15, width: 30 });
    expect(() => visualizeClassification(gray(10, 20, 0), sample, { resize: 0 })).toThrow(/resize must be a positive integer, got 0/);
  });
});
