import { Generator } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { createImage } from '../../image/image';
import { readFixture } from '../../ops/__fixtures__/read-fixture';
import type { Sample } from '../../pipeline/sample';
import { CenterCrop } from './center-crop';
import { EfficientNetCenterCrop, EfficientNetRandomCrop, efficientNetCenterBox } from './efficientnet-crops';
import { RandomResizedCrop, centerFallback } from './random-resized-crop';
import { ResizeEdge } from './resize-edge';

interface GeometryCase {
  height: number;
  width: number;
  resize_edge: Record<'short' | 'long' | 'width' | 'height', [number, number]>;
  center_crop: Record<string, [number, number, number, number]>;
  center_crop_rect: [number, number, number, number];
  rrc_fallback: [number, number, number, number];
  efficientnet_center: Record<string, [number, number, number, number]>;
  input: never;
}

const { cases } = readFixture<GeometryCase>('geometry.json');
const generator = new Generator(0);

/** An image whose value at (y, x) encodes its position, to check crop offsets. */
function positions(height: number, width: number) {
  const data = new Float32Array(height * width);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = y * 10000 + x;
  return createImage(height, width, 1, { data });
}

describe('geometry against MMPretrain/mmcv formulas (computed in Python)', () => {
  for (const c of cases) {
    it(`${c.height}x${c.width}`, () => {
      for (const edge of ['short', 'long', 'width', 'height'] as const) {
        expect(new ResizeEdge({ scale: 256, edge }).targetSize(c.height, c.width)).toEqual(c.resize_edge[edge]);
      }
      for (const [size, box] of Object.entries(c.center_crop)) {
        const results = new CenterCrop({ crop_size: Number(size) }).transform({ img: positions(c.height, c.width) }, generator);
        const image = results.img as ReturnType<typeof positions>;
        expect([image.data[0], image.width, image.height]).toEqual([box[1] * 10000 + box[0], box[2] - box[0] + 1, box[3] - box[1] + 1]);
      }
      const rect = new CenterCrop({ crop_size: [6, 3] }).transform({ img: positions(c.height, c.width) }, generator).img as ReturnType<typeof positions>;
      expect([rect.data[0], rect.width, rect.height]).toEqual([c.center_crop_rect[1] * 10000 + c.center_crop_rect[0], c.center_crop_rect[2] - c.center_crop_rect[0] + 1, c.center_crop_rect[3] - c.center_crop_rect[1] + 1]);
      const fallback = centerFallback(c.height, c.width, [3 / 4, 4 / 3]);
      expect([fallback.offsetHeight, fallback.offsetWidth, fallback.targetHeight, fallback.targetWidth]).toEqual(c.rrc_fallback);
      for (const [size, [top, left, height, width]] of Object.entries(c.efficientnet_center)) {
        const box = efficientNetCenterBox(c.height, c.width, Number(size), 32);
        expect([box.offsetHeight, box.offsetWidth, Math.trunc(box.offsetHeight + box.targetHeight - 1) - box.offsetHeight + 1, Math.trunc(box.offsetWidth + box.targetWidth - 1) - box.offsetWidth + 1]).toEqual([top, left, height, width]);
      }
    });
  }
});

describe('RandomResizedCrop', () => {
  it('falls back to the clamped centre crop when no attempt is allowed', () => {
    const transform = new RandomResizedCrop({ scale: [2, 3], max_attempts: 0, interpolation: 'nearest' });
    const results = transform.transform({ img: positions(100, 400) }, generator);
    const image = results.img as ReturnType<typeof positions>;
    expect([image.height, image.width]).toEqual([2, 3]);
    expect(image.data[0]).toBe(133); // offset_w = (400 - 133) // 2
    expect(results.img_shape).toEqual([2, 3]);
  });

  it('draws the same crop from the same seed and keeps crops inside the image', () => {
    const transform = new RandomResizedCrop({ scale: 16 });
    const image = createImage(40, 60, 3, { data: Uint8Array.from({ length: 7200 }, (_, i) => i % 251) });
    const a = transform.transform({ img: image }, new Generator(7)).img as typeof image;
    const b = transform.transform({ img: image }, new Generator(7)).img as typeof image;
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const random = new Generator(3);
    for (let i = 0; i < 200; i++) {
      const box = transform.cropParams(40, 60, random);
      expect(box.offsetHeight + box.targetHeight).toBeLessThanOrEqual(40);
      expect(box.offsetWidth + box.targetWidth).toBeLessThanOrEqual(60);
      expect(box.targetHeight * box.targetWidth).toBeGreaterThanOrEqual(Math.floor(0.08 * 2400 * 0.5));
    }
  });

  it('rejects bad options with the option name', () => {
    expect(() => new RandomResizedCrop({ scale: 0 })).toThrow(/scale must be a positive int/);
    expect(() => new RandomResizedCrop({ scale: 8, crop_ratio_range: [1, 0.5] })).toThrow(/crop_ratio_range must be \(min, max\)/);
    expect(() => new RandomResizedCrop({ scale: 8, interpolation: 'box' })).toThrow(/interpolation must be one of/);
    expect(() => new RandomResizedCrop({ scale: 8, backend: 'skimage' as never })).toThrow(/backend must be 'cv2' or 'pillow'/);
  });
});

describe('EfficientNet crops', () => {
  it('EfficientNetCenterCrop crops the padded centre square and resizes', () => {
    const results = new EfficientNetCenterCrop({ crop_size: 5 }).transform({ img: positions(300, 401) });
    expect((results.img as ReturnType<typeof positions>).width).toBe(5);
    expect(results.img_shape).toEqual([5, 5]);
  });

  it('EfficientNetRandomCrop samples valid crops and falls back to the centre crop', () => {
    const transform = new EfficientNetRandomCrop({ scale: 8 });
    const random = new Generator(11);
    for (let i = 0; i < 100; i++) {
      const box = transform.cropParams(64, 48, random);
      expect(box.targetHeight * box.targetWidth).toBeGreaterThanOrEqual(0.1 * 64 * 48);
      expect(box.offsetWidth + box.targetWidth).toBeLessThanOrEqual(48);
    }
    const fallback = new EfficientNetRandomCrop({ scale: 8, max_attempts: 0 }).cropParams(64, 48, random);
    expect(fallback).toEqual(efficientNetCenterBox(64, 48, 8, 32));
    expect(() => new EfficientNetRandomCrop({ scale: [8, 8] as never })).toThrow(/scale must be an int/);
  });
});

describe('ResizeEdge and CenterCrop on samples', () => {
  it('ResizeEdge sets img, img_shape, scale and scale_factor', () => {
    const sample: Sample = { img: createImage(375, 500, 3) };
    new ResizeEdge({ scale: 256 }).transform(sample);
    expect(sample.img_shape).toEqual([256, 341]);
    expect(sample.scale).toEqual([341, 256]);
    expect(sample.scale_factor).toEqual([341 / 500, 256 / 375]);
    expect(() => new ResizeEdge({ scale: 256, edge: 'diagonal' as never })).toThrow(/edge must be one of/);
  });

  it('CenterCrop pads with auto_pad and rejects a zero crop size', () => {
    const results = new CenterCrop({ crop_size: [8, 6], auto_pad: true }).transform({ img: createImage(4, 5, 3, { data: new Uint8Array(60).fill(9) }) }, generator);
    const image = results.img as ReturnType<typeof createImage>;
    expect([image.height, image.width]).toEqual([6, 8]);
    expect(image.data[0]).toBe(9);
    expect(image.data[image.data.length - 1]).toBe(0);
    expect(() => new CenterCrop({ crop_size: 0 })).toThrow(/crop_size must be a positive int/);
  });
});
