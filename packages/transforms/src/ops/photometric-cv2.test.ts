import { describe, expect, it } from 'vitest';
import { bgrToGray } from '../image/color';
import { type EncodedImage, compareImages, decodeImage, readFixture } from './__fixtures__/read-fixture';
import { autoContrast, equalize } from './histogram-ops';
import { adjustBrightness, adjustColor, adjustContrast, adjustSharpness, imnormalize } from './photometric-cv2';

interface PhotometricCase {
  op: string;
  factor?: number;
  mean?: number[];
  std?: number[];
  to_rgb?: boolean;
  input: EncodedImage;
  output: EncodedImage;
}

const { cases } = readFixture<PhotometricCase>('photometric-cv2.json');

describe('mmcv photometric functions (cv2 backend) against OpenCV + numpy', () => {
  for (const testCase of cases) {
    it(`${testCase.op}${testCase.factor === undefined ? '' : ` ${testCase.factor}`} (${testCase.input.dtype})`, () => {
      const input = decodeImage(testCase.input);
      const factor = testCase.factor ?? 1;
      const actual = (() => {
        switch (testCase.op) {
          case 'brightness':
            return adjustBrightness(input, factor);
          case 'contrast':
            return adjustContrast(input, factor);
          case 'color':
            return adjustColor(input, factor);
          case 'sharpness':
            return adjustSharpness(input, factor);
          case 'equalize':
            return equalize(input);
          case 'autocontrast':
            return autoContrast(input);
          case 'gray':
            return bgrToGray(input);
          case 'normalize':
            return imnormalize(input, testCase.mean!, testCase.std!, testCase.to_rgb!);
          default:
            throw new Error(`unknown op ${testCase.op}`);
        }
      })();
      const { maxDifference } = compareImages(actual, decodeImage(testCase.output));
      expect(maxDifference).toBeLessThanOrEqual(testCase.input.dtype === 'float32' || testCase.op === 'normalize' ? 1e-4 : 0);
    });
  }
});
