import { describe, expect, it } from 'vitest';
import { type EncodedImage, compareImages, decodeImage, readFixture } from './__fixtures__/read-fixture';
import type { Interpolation } from './interpolation';
import { resizeCv2 } from './resize-cv2';

interface ResizeCase {
  name: string;
  size: [number, number];
  input: EncodedImage;
  outputs: Record<Interpolation, EncodedImage>;
}

const { cases } = readFixture<ResizeCase>('resize-cv2.json');

describe('resizeCv2 against cv2.resize (OpenCV 4.6)', () => {
  for (const testCase of cases) {
    for (const interpolation of Object.keys(testCase.outputs) as Interpolation[]) {
      it(`${interpolation} ${testCase.name}`, () => {
        const input = decodeImage(testCase.input);
        const expected = decodeImage(testCase.outputs[interpolation]);
        const actual = resizeCv2(input, testCase.size[0], testCase.size[1], interpolation);
        const { maxDifference, mismatchRatio } = compareImages(actual, expected);
        if (input.data instanceof Float32Array) {
          // float32 images: float arithmetic in another order than OpenCV's SIMD code.
          expect(maxDifference).toBeLessThan(1e-3);
        } else {
          // uint8: bit-exact.
          expect(maxDifference).toBe(0);
          expect(mismatchRatio).toBe(0);
        }
      });
    }
  }
});
