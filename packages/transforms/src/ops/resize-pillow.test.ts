import { describe, expect, it } from 'vitest';
import { createImage } from '../image/image';
import { type EncodedImage, compareImages, decodeImage, readFixture } from './__fixtures__/read-fixture';
import type { PillowInterpolation } from './interpolation';
import { resizePillow } from './resize-pillow';

interface ResizeCase {
  name: string;
  size: [number, number];
  input: EncodedImage;
  outputs: Record<PillowInterpolation, EncodedImage>;
}

const { cases } = readFixture<ResizeCase>('resize-pillow.json');

describe('resizePillow against Pillow 9.4 Image.resize', () => {
  for (const testCase of cases) {
    for (const interpolation of Object.keys(testCase.outputs) as PillowInterpolation[]) {
      it(`${interpolation} ${testCase.name}`, () => {
        const actual = resizePillow(decodeImage(testCase.input), testCase.size[0], testCase.size[1], interpolation);
        const { maxDifference } = compareImages(actual, decodeImage(testCase.outputs[interpolation]));
        expect(maxDifference).toBe(0);
      });
    }
  }

  it('rejects float32 images and empty sizes', () => {
    expect(() => resizePillow(createImage(2, 2, 3, { dtype: 'float32' }), 4, 4)).toThrow(/uint8/);
    expect(() => resizePillow(createImage(2, 2, 3), 0, 4)).toThrow(/positive integers, got 0x4/);
  });
});
