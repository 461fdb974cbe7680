import { describe, expect, it } from 'vitest';
import { createImage } from '../image/image';
import { type EncodedImage, compareImages, decodeImage, readFixture } from './__fixtures__/read-fixture';
import { cropRegion, imcrop } from './crop';
import { imflip } from './flip';
import { imrotate, imshear, imtranslate } from './geometric';
import type { Interpolation } from './interpolation';
import { impad } from './pad';
import type { PaddingMode } from './border';

interface WarpCase {
  op: 'rotate' | 'shear' | 'translate';
  angle?: number;
  center?: [number, number];
  scale?: number;
  magnitude?: number;
  offset?: number;
  direction?: 'horizontal' | 'vertical';
  border_value: number | number[];
  interpolation: Interpolation;
  input: EncodedImage;
  output: EncodedImage;
}

describe('imrotate / imshear / imtranslate against cv2.warpAffine', () => {
  for (const c of readFixture<WarpCase>('warp-cv2.json').cases) {
    it(`${c.op} ${c.angle ?? c.magnitude ?? c.offset} ${c.direction ?? ''} ${c.interpolation} (${c.input.dtype})`, () => {
      const input = decodeImage(c.input);
      const options = { borderValue: c.border_value, interpolation: c.interpolation, direction: c.direction };
      const actual =
        c.op === 'rotate'
          ? imrotate(input, c.angle!, { ...options, center: c.center, scale: c.scale })
          : c.op === 'shear'
            ? imshear(input, c.magnitude!, options)
            : imtranslate(input, c.offset!, options);
      const { maxDifference } = compareImages(actual, decodeImage(c.output));
      expect(maxDifference).toBeLessThanOrEqual(c.input.dtype === 'float32' ? 1e-3 : 0);
    });
  }
});

interface PadCase {
  mode: PaddingMode;
  padding: [number, number, number, number];
  fill: number[];
  input: EncodedImage;
  output: EncodedImage;
}

describe('impad against cv2.copyMakeBorder', () => {
  for (const c of readFixture<PadCase>('pad-cv2.json').cases) {
    it(c.mode, () => {
      const actual = impad(decodeImage(c.input), { padding: c.padding, fill: c.fill, paddingMode: c.mode });
      expect(compareImages(actual, decodeImage(c.output)).maxDifference).toBe(0);
    });
  }

  it('rejects negative padding with the offending side', () => {
    expect(() => impad(createImage(4, 4, 3), { shape: [2, 6] })).toThrow(/bottom padding must be a non-negative integer, got -2/);
  });
});

describe('crop and flip', () => {
  const image = createImage(3, 4, 1, { data: Uint8Array.from({ length: 12 }, (_, i) => i) });

  it('crops an inclusive, truncated, clipped box like mmcv.imcrop', () => {
    expect(Array.from(imcrop(image, [1, 1, 2.9, 5]).data)).toEqual([5, 6, 9, 10]);
    expect(Array.from(cropRegion(image, 0, 2, 2, 2).data)).toEqual([2, 3, 6, 7]);
    expect(() => cropRegion(image, 2, 0, 2, 1)).toThrow(/outside the 3x4 image/);
  });

  it('flips in every direction', () => {
    expect(Array.from(imflip(image, 'horizontal').data.subarray(0, 4))).toEqual([3, 2, 1, 0]);
    expect(Array.from(imflip(image, 'vertical').data.subarray(0, 4))).toEqual([8, 9, 10, 11]);
    expect(Array.from(imflip(image, 'diagonal').data.subarray(0, 4))).toEqual([11, 10, 9, 8]);
    expect(() => imflip(image, 'up' as never)).toThrow(/direction must be/);
  });
});
