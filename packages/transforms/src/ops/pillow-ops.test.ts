import { describe, expect, it } from 'vitest';
import { type EncodedImage, compareImages, decodeImage, readFixture } from './__fixtures__/read-fixture';
import { autoContrast, equalize, posterize, solarize } from './histogram-ops';
import { pillowAdjustHue, pillowBrightness, pillowColor, pillowContrast, pillowSharpness } from './pillow-enhance';
import { pillowGaussianBlur } from './pillow-gaussian-blur';
import { type PillowTransformInterpolation, pillowAffine, pillowRotate } from './pillow-transform';
import type { AffineMatrix } from './warp-affine-cv2';

interface PillowCase {
  op: string;
  factor?: number;
  angle?: number;
  matrix?: number[];
  interpolation?: PillowTransformInterpolation;
  fill?: number[];
  radius?: number;
  threshold?: number;
  bits?: number;
  input: EncodedImage;
  output: EncodedImage;
}

describe('Pillow operations against Pillow 9.4', () => {
  for (const c of readFixture<PillowCase>('pillow-ops.json').cases) {
    const detail = c.factor ?? c.angle ?? c.matrix?.join(',') ?? c.radius ?? c.threshold ?? c.bits ?? '';
    it(`${c.op} ${detail} ${c.interpolation ?? ''}`, () => {
      const input = decodeImage(c.input, 'rgb');
      const actual = (() => {
        switch (c.op) {
          case 'brightness':
            return pillowBrightness(input, c.factor!);
          case 'contrast':
            return pillowContrast(input, c.factor!);
          case 'color':
            return pillowColor(input, c.factor!);
          case 'sharpness':
            return pillowSharpness(input, c.factor!);
          case 'hue':
            return pillowAdjustHue(input, c.factor!);
          case 'rotate':
            return pillowRotate(input, c.angle!, c.interpolation!, c.fill!);
          case 'affine':
            return pillowAffine(input, c.matrix as unknown as AffineMatrix, c.interpolation!, c.fill!);
          case 'gaussian_blur':
            return pillowGaussianBlur(input, c.radius!);
          case 'autocontrast':
            return autoContrast(input);
          case 'equalize':
            return equalize(input);
          case 'solarize':
            return solarize(input, c.threshold);
          case 'posterize':
            return posterize(input, c.bits!);
          default:
            throw new Error(`unknown op ${c.op}`);
        }
      })();
      expect(compareImages(actual, decodeImage(c.output)).maxDifference).toBe(0);
    });
  }
});
