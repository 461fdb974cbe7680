import { Generator } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { type Image, createImage } from '../../image/image';
import { imnormalize } from '../../ops/photometric-cv2';
import { pillowBrightness } from '../../ops/pillow-enhance';
import type { Sample } from '../../pipeline/sample';
import { Albumentations } from './albumentations';
import { ColorJitter } from './color-jitter';
import { Lighting } from './lighting';
import { BEiTMaskGenerator } from './beit-mask-generator';
import { SimMIMMaskGenerator } from './simmim-mask-generator';
import { Normalize } from './normalize';
import { Pad } from './pad';
import { RandomChoiceResize } from './random-choice-resize';
import { RandomCrop } from './random-crop';
import { RandomErasing } from './random-erasing';
import { RandomFlip } from './random-flip';
import { RandomGrayscale } from './random-grayscale';
import { RandomResize } from './random-resize';
import { Resize } from './resize';

const generator = () => new Generator(1234);

function ramp(height: number, width: number, channels = 3): Image {
  return createImage(height, width, channels, { data: Uint8Array.from({ length: height * width * channels }, (_, i) => (i * 13) % 256) });
}

function imageOf(sample: Sample | null): Image {
  return (sample as Sample).img as Image;
}

describe('Resize family', () => {
  it('Resize to a scale, with keep_ratio, and by a factor', () => {
    const sample: Sample = { img: ramp(30, 40) };
    new Resize({ scale: [20, 10] }).transform(sample);
    expect([sample.img_shape, sample.scale_factor, sample.keep_ratio]).toEqual([[10, 20], [0.5, 1 / 3], false]);
    const kept: Sample = { img: ramp(30, 40) };
    new Resize({ scale: [100, 24], keep_ratio: true }).transform(kept);
    expect(kept.img_shape).toEqual([24, 32]);
    const factor: Sample = { img: ramp(30, 40) };
    new Resize({ scale_factor: 0.5 }).transform(factor);
    expect(factor.img_shape).toEqual([15, 20]);
    expect(() => new Resize({})).toThrow(/cannot both be absent/);
    expect(() => new Resize({ scale: 4, backend: 'pillow', interpolation: 'area' })).toThrow(/interpolation must be one of/);
  });

  it('RandomResize and RandomChoiceResize draw scales reproducibly', () => {
    const random = new RandomResize({ scale: [20, 20], ratio_range: [0.5, 2.0] });
    const a = random.transform({ img: ramp(8, 8) }, generator()) as Sample;
    const b = random.transform({ img: ramp(8, 8) }, generator()) as Sample;
    expect(a.scale).toEqual(b.scale);
    expect((a.scale as number[])[0]).toBeGreaterThanOrEqual(10);
    const bounds = new RandomResize({ scale: [[10, 12], [20, 14]] });
    const c = bounds.transform({ img: ramp(8, 8) }, generator()) as Sample;
    expect((c.img_shape as number[])[1]).toBeGreaterThanOrEqual(10);
    const choice = new RandomChoiceResize({ scales: [[12, 10], [6, 5]] });
    const d = choice.transform({ img: ramp(8, 8) }, generator()) as Sample;
    expect([[10, 12], [5, 6]]).toContainEqual(d.img_shape);
    expect(d.scale_idx === 0 || d.scale_idx === 1).toBe(true);
    expect(() => new RandomResize({ scale: [20, 20] })).toThrow(/ratio_range/);
  });
});

describe('RandomCrop and Pad', () => {
  it('crops to the size after padding; a single pad value fills the first channel only (as OpenCV)', () => {
    const transform = new RandomCrop({ crop_size: 6, padding: 2, pad_val: 128 });
    const sample = transform.transform({ img: ramp(4, 4) }, generator());
    expect(sample.img_shape).toEqual([6, 6, 3]);
    const padded = new RandomCrop({ crop_size: 8, padding: 2, pad_val: 128 }).transform({ img: ramp(4, 4) }, generator());
    expect(Array.from(imageOf(padded).data.subarray(0, 3))).toEqual([128, 0, 0]);
    const reflect = new RandomCrop({ crop_size: 6, pad_if_needed: true, padding_mode: 'reflect' }).transform({ img: ramp(2, 4) }, generator());
    expect(reflect.img_shape).toEqual([6, 6, 3]);
  });

  it('is reproducible with a seed and rejects a zero crop size', () => {
    const transform = new RandomCrop({ crop_size: [3, 5] });
    const a = imageOf(transform.transform({ img: ramp(10, 12) }, generator()));
    const b = imageOf(transform.transform({ img: ramp(10, 12) }, generator()));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(() => new RandomCrop({ crop_size: 0 })).toThrow(/RandomCrop: crop_size must be a positive int/);
    expect(() => new RandomCrop({ crop_size: 4, padding_mode: 'wrap' as never })).toThrow(/padding_mode must be one of/);
  });

  it('Pad pads to a size, a divisor or a square', () => {
    const sample: Sample = { img: ramp(5, 7) };
    new Pad({ size_divisor: 4, pad_val: 7 }).transform(sample);
    expect([sample.img_shape, sample.pad_shape]).toEqual([[8, 8], [8, 8, 3]]);
    expect(imageOf(sample).data[imageOf(sample).data.length - 1]).toBe(7);
    const square: Sample = { img: ramp(5, 7) };
    new Pad({ pad_to_square: true, pad_val: { img: [1, 2, 3] } }).transform(square);
    expect(square.img_shape).toEqual([7, 7]);
    expect(() => new Pad({})).toThrow(/exactly one of size and size_divisor/);
  });
});

describe('RandomFlip', () => {
  it('flips with prob 1 and records the direction', () => {
    const sample = new RandomFlip({ prob: 1.0, direction: 'vertical' }).transform({ img: ramp(2, 3, 1) }, generator());
    expect([sample.flip, sample.flip_direction]).toEqual([true, 'vertical']);
    expect(Array.from(imageOf(sample).data)).toEqual([39, 52, 65, 0, 13, 26]);
    const none = new RandomFlip({ prob: 0.0 }).transform({ img: ramp(2, 3, 1) }, generator());
    expect([none.flip, none.flip_direction]).toEqual([false, null]);
  });

  it('splits the probability over directions', () => {
    const transform = new RandomFlip({ prob: [0.25, 0.25], direction: ['horizontal', 'diagonal'] });
    const counts = new Map<unknown, number>();
    const random = generator();
    for (let i = 0; i < 2000; i++) {
      const direction = transform.transform({ img: ramp(1, 2, 1) }, random).flip_direction;
      counts.set(direction, (counts.get(direction) ?? 0) + 1);
    }
    expect(Math.abs((counts.get(null) ?? 0) / 2000 - 0.5)).toBeLessThan(0.05);
    expect(Math.abs((counts.get('diagonal') ?? 0) / 2000 - 0.25)).toBeLessThan(0.05);
    expect(() => new RandomFlip({ prob: 1.5 })).toThrow(/RandomFlip: prob must be a number in \[0, 1\]/);
    expect(() => new RandomFlip({ prob: [0.5], direction: 'horizontal' })).toThrow(/needs a list of as many directions/);
  });
});

describe('RandomErasing', () => {
  it('erases one rectangle with the constant color, reproducibly', () => {
    const transform = new RandomErasing({ erase_prob: 1.0, fill_color: [1, 2, 3], min_area_ratio: 0.1, max_area_ratio: 0.2 });
    const a = imageOf(transform.transform({ img: createImage(20, 20, 3, { data: new Uint8Array(1200).fill(200) }) }, generator()));
    const b = imageOf(transform.transform({ img: createImage(20, 20, 3, { data: new Uint8Array(1200).fill(200) }) }, generator()));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    let erased = 0;
    for (let i = 0; i < 400; i++) if (a.data[i * 3] === 1 && a.data[i * 3 + 2] === 3) erased++;
    expect(erased).toBeGreaterThan(20);
    expect(erased).toBeLessThanOrEqual(100);
  });

  it('uses normal noise around fill_color with fill_std and skips with erase_prob 0', () => {
    const noisy = imageOf(new RandomErasing({ erase_prob: 1.0, mode: 'rand', fill_color: [100, 100, 100], fill_std: [1e-6, 1e-6, 1e-6] }).transform({ img: ramp(10, 10) }, generator()));
    expect(Array.from(noisy.data).filter((value) => value === 99 || value === 100).length).toBeGreaterThan(0);
    const image = ramp(4, 4);
    expect(imageOf(new RandomErasing({ erase_prob: 0 }).transform({ img: image }, generator()))).toBe(image);
    expect(() => new RandomErasing({ erase_prob: 2 })).toThrow(/erase_prob must be a number in \[0, 1\]/);
    expect(() => new RandomErasing({ min_area_ratio: 0.5, max_area_ratio: 0.1 })).toThrow(/smaller than max_area_ratio/);
    expect(() => new RandomErasing({ mode: 'noise' as never })).toThrow(/mode must be one of/);
  });
});

describe('color transforms', () => {
  it('ColorJitter with a fixed brightness range equals Pillow brightness', () => {
    const image = ramp(6, 5);
    const jittered = imageOf(new ColorJitter({ brightness: [1.5, 1.5] }).transform({ img: image }, generator()));
    expect(Array.from(jittered.data)).toEqual(Array.from(pillowBrightness(image, 1.5).data));
    const all = new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
    const a = imageOf(all.transform({ img: image }, generator()));
    const b = imageOf(all.transform({ img: image }, generator()));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(new ColorJitter({ brightness: 0 }).brightness).toBeUndefined();
    expect(() => new ColorJitter({ contrast: -1 })).toThrow(/must be non negative/);
  });

  it('RandomGrayscale averages the channels with truncation', () => {
    const image = createImage(1, 1, 3, { data: Uint8Array.of(10, 20, 31) });
    const gray = imageOf(new RandomGrayscale({ prob: 1 }).transform({ img: image }, generator()));
    expect([gray.channels, gray.data[0]]).toEqual([1, 20]);
    const kept = imageOf(new RandomGrayscale({ prob: 1, keep_channels: true }).transform({ img: image }, generator()));
    expect(Array.from(kept.data)).toEqual([20, 20, 20]);
  });

  it('Lighting with alphastd 0 keeps the image, and Normalize matches imnormalize', () => {
    const image = ramp(3, 3);
    const lit = imageOf(new Lighting({ eigval: [1, 1, 1], eigvec: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], alphastd: 0 }).transform({ img: image }, generator()));
    expect(Array.from(lit.data)).toEqual(Array.from(image.data));
    const sample: Sample = { img: image };
    new Normalize({ mean: [1, 2, 3], std: [2, 4, 8] }).transform(sample);
    expect(Array.from(imageOf(sample).data)).toEqual(Array.from(imnormalize(image, [1, 2, 3], [2, 4, 8], true).data));
    expect(sample.img_norm_cfg).toEqual({ mean: [1, 2, 3], std: [2, 4, 8], to_rgb: true });
    expect(() => new Lighting({ eigval: [1], eigvec: [[1, 2]] })).toThrow(/eigvec must be 3 rows of 1 values/);
  });
});

describe('mask generators', () => {
  it('SimMIMMaskGenerator masks ceil(ratio * tokens) blocks repeated to the patch grid', () => {
    const sample = new SimMIMMaskGenerator({}).transform({}, generator());
    expect(sample.mask?.shape).toEqual([48, 48]);
    const masked = Array.from(sample.mask!.data).reduce((sum, value) => sum + value, 0);
    expect(masked).toBe(Math.ceil(36 * 0.6) * 64);
    expect(() => new SimMIMMaskGenerator({ input_size: 100 })).toThrow(/multiple of mask_patch_size/);
  });

  it('BEiTMaskGenerator masks exactly num_masking_patches patches', () => {
    const sample = new BEiTMaskGenerator({ input_size: 14, num_masking_patches: 75, min_num_patches: 16 }).transform({}, generator());
    expect(sample.mask?.shape).toEqual([14, 14]);
    expect(Array.from(sample.mask!.data).reduce((sum, value) => sum + value, 0)).toBe(75);
    expect(() => new BEiTMaskGenerator({ input_size: 4, num_masking_patches: 20 })).toThrow(/num_masking_patches must be an integer in \[0, 16\]/);
  });
});

describe('Albumentations', () => {
  it('explains that it has no TypeScript counterpart', () => {
    expect(() => new Albumentations({ transforms: [] })).toThrow(/albumentations library is Python-only/);
  });
});
