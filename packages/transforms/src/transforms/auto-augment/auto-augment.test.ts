import { Generator } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { type Image, createImage } from '../../image/image';
import { cv2Scalar } from '../../ops/border';
import { imrotate, imshear } from '../../ops/geometric';
import { posterize } from '../../ops/histogram-ops';
import type { Sample } from '../../pipeline/sample';
import { AutoAugment } from './auto-augment';
import type { BaseAugTransform } from './base-aug-transform';
import { Brightness } from './enhance-ops';
import { Posterize, SolarizeAdd } from './pixel-ops';
import { Cutout } from './cutout';
import { Rotate } from './rotate';
import { Shear, Translate } from './shift-ops';
import { RandAugment } from './rand-augment';

function ramp(height: number, width: number): Image {
  return createImage(height, width, 3, { data: Uint8Array.from({ length: height * width * 3 }, (_, i) => (i * 29) % 256) });
}

describe('RandAugment', () => {
  const randAugment = new RandAugment({
    policies: 'timm_increasing',
    num_policies: 2,
    total_level: 10,
    magnitude_level: 9,
    hparams: { pad_val: [104, 116, 124], interpolation: 'bicubic' },
  });

  it('maps magnitude_level 9 of 10 into each policy range', () => {
    const magnitudes = randAugment.transforms.map((transform, index) => {
      const policy = randAugment.policies[index]!;
      return [policy.type, 'magnitude_range' in policy ? (transform as BaseAugTransform).randomMagnitude(new Generator(0)) : undefined];
    });
    const expected: Array<[string, number | undefined]> = [
      ['AutoContrast', undefined],
      ['Equalize', undefined],
      ['Invert', undefined],
      ['Rotate', 27],
      ['Posterize', 0.4],
      ['Solarize', 25.6],
      ['SolarizeAdd', 99],
      ['ColorTransform', 0.81],
      ['Contrast', 0.81],
      ['Brightness', 0.81],
      ['Sharpness', 0.81],
      ['Shear', 0.27],
      ['Shear', 0.27],
      ['Translate', 0.405],
      ['Translate', 0.405],
    ];
    expect(magnitudes.map(([name]) => name)).toEqual(expected.map(([name]) => name));
    magnitudes.forEach(([, value], index) => {
      if (expected[index]![1] === undefined) expect(value).toBeUndefined();
      else expect(value as number).toBeCloseTo(expected[index]![1] as number, 10);
    });
  });

  it('merges hparams only into the policies that accept them', () => {
    const rotate = randAugment.transforms[3] as Rotate;
    expect([rotate.padValue, rotate.interpolation]).toEqual([[104, 116, 124], 'bicubic']);
    const translate = randAugment.transforms[13] as Translate;
    expect(translate.interpolation).toBe('bicubic');
    expect('pad_val' in randAugment.policies[0]!).toBe(false);
    expect(randAugment.policies[3]).toMatchObject({ magnitude_level: 9, total_level: 10, magnitude_std: 0 });
  });

  it('applies num_policies policies reproducibly from a seed', () => {
    const image = ramp(12, 10);
    const a = randAugment.transform({ img: image }, new Generator(5)) as Sample;
    const b = randAugment.transform({ img: image }, new Generator(5)) as Sample;
    expect(Array.from((a.img as Image).data)).toEqual(Array.from((b.img as Image).data));
  });

  it('draws the level from N(level, std) clipped, or uniformly with "inf"', () => {
    const normal = new Rotate({ magnitude_range: [0, 30], magnitude_level: 9, magnitude_std: 5, total_level: 10 });
    const uniform = new Rotate({ magnitude_range: [0, 30], magnitude_level: 9, magnitude_std: 'inf', total_level: 10 });
    const random = new Generator(3);
    for (let i = 0; i < 200; i++) {
      const value = normal.randomMagnitude(random);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(30);
      expect(uniform.randomMagnitude(random)).toBeLessThan(27);
    }
  });

  it('rejects bad options with their names', () => {
    expect(() => new RandAugment({ policies: 'timm', num_policies: 2, magnitude_level: 9 })).toThrow(/policies must be one of 'timm_increasing', 'simple_increasing'/);
    expect(() => new RandAugment({ policies: 'simple_increasing', num_policies: 0, magnitude_level: 9 })).toThrow(/num_policies must be greater than 0/);
    expect(() => new RandAugment({ policies: 'simple_increasing', num_policies: 1, magnitude_level: 9, magnitude_std: 'max' as never })).toThrow(/magnitude_std must be a number or "inf"/);
    expect(() => new RandAugment({ policies: [{ type: 'Rotate', magnitude_range: [0] }] as never, num_policies: 1, magnitude_level: 9 })).toThrow(/magnitude_range of policy Rotate/);
    expect(() => new Shear({ magnitude: 0.3, magnitude_range: [0, 0.3] })).toThrow(/only one of `magnitude` and `magnitude_range`/);
    expect(() => new Brightness({})).toThrow(/only one of `magnitude` and `magnitude_range`/);
    expect(() => new Rotate({ angle: 10, prob: 1.5 })).toThrow(/Rotate: prob must be a number in \[0, 1\]/);
  });
});

describe('RandAugment operations', () => {
  it('Rotate with a number pad_val fills like OpenCV, and equals imrotate', () => {
    const image = ramp(9, 11);
    const rotated = new Rotate({ angle: 30, prob: 1, random_negative_prob: 0 }).transform({ img: image }, new Generator(0)).img as Image;
    const expected = imrotate(image, 30, { borderValue: cv2Scalar(128, 3), interpolation: 'nearest' });
    expect(Array.from(rotated.data)).toEqual(Array.from(expected.data));
    expect(Array.from(rotated.data.subarray(0, 3))).toEqual([128, 0, 0]);
  });

  it('Shear negates the magnitude with random_negative_prob 1', () => {
    const image = ramp(9, 11);
    const sheared = new Shear({ magnitude: 0.3, prob: 1, random_negative_prob: 1 }).transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(sheared.data)).toEqual(Array.from(imshear(image, -0.3, { borderValue: 128, interpolation: 'bicubic' }).data));
  });

  it('SolarizeAdd adds below the threshold, capped at 255, wrapping an int like numpy uint8', () => {
    const image = createImage(1, 5, 1, { data: Uint8Array.of(0, 100, 127, 128, 200) });
    const added = new SolarizeAdd({ magnitude: 110, prob: 1 }).transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(added.data)).toEqual([110, 210, 237, 128, 200]);
    const float = new SolarizeAdd({ magnitude: 99.5, thr: 256, prob: 1 }).transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(float.data)).toEqual([99, 199, 226, 227, 255]);
    const wrapped = new SolarizeAdd({ magnitude: 110, thr: 256, prob: 1 }).transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(wrapped.data)).toEqual([110, 210, 237, 238, 54]);
  });

  it('Posterize rounds the mapped magnitude up to whole bits', () => {
    const image = ramp(3, 3);
    const transform = new Posterize({ magnitude_range: [4, 0], magnitude_level: 3, prob: 1 });
    const output = transform.transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(output.data)).toEqual(Array.from(posterize(image, 3).data));
  });

  it('Cutout cuts a square of the pad value, reproducibly; prob 0 keeps the image', () => {
    const image = ramp(20, 20);
    const cut = new Cutout({ shape: 6, pad_val: 0, prob: 1 });
    const a = cut.transform({ img: image }, new Generator(9)).img as Image;
    const b = cut.transform({ img: image }, new Generator(9)).img as Image;
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const zeros = Array.from(a.data).filter((value, index) => value === 0 && image.data[index] !== 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(new Cutout({ shape: 6, prob: 0 }).transform({ img: image }, new Generator(9)).img).toBe(image);
  });
});

describe('AutoAugment', () => {
  it('builds the imagenet policy with pad_val merged and applies one sub-policy', () => {
    const auto = new AutoAugment({ policies: 'imagenet' });
    expect(auto.subPolicies.length).toBe(25);
    expect(auto.policies[0]![1]).toMatchObject({ type: 'Rotate', angle: 30, pad_val: 128 });
    const image = ramp(10, 10);
    const a = auto.transform({ img: image }, new Generator(2)) as Sample;
    const b = auto.transform({ img: image }, new Generator(2)) as Sample;
    expect(Array.from((a.img as Image).data)).toEqual(Array.from((b.img as Image).data));
    expect(() => new AutoAugment({ policies: 'cifar' })).toThrow(/policies must be one of 'imagenet'/);
  });

  it('accepts custom policies', () => {
    const auto = new AutoAugment({ policies: [[{ type: 'Invert', prob: 1 }]] });
    const output = auto.transform({ img: createImage(1, 1, 3, { data: Uint8Array.of(0, 10, 255) }) }, new Generator(0)) as Sample;
    expect(Array.from((output.img as Image).data)).toEqual([255, 245, 0]);
  });
});
