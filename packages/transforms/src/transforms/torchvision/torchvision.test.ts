import { Generator } from '@mmpt/tensor';
import { describe, expect, it } from 'vitest';
import { type Image, createImage } from '../../image/image';
import { pillowAffine, pillowRotate } from '../../ops/pillow-transform';
import { pillowBrightness } from '../../ops/pillow-enhance';
import { resizePillow } from '../../ops/resize-pillow';
import type { Sample } from '../../pipeline/sample';
import { TorchvisionColorJitter } from './color-jitter';
import { TorchvisionTrivialAugmentWide } from './trivial-augment-wide';
import { TorchvisionCenterCrop } from './center-crop';
import { TorchvisionRandomHorizontalFlip } from './random-horizontal-flip';
import { TorchvisionRandomResizedCrop } from './random-resized-crop';
import { TorchvisionResize } from './resize';
import { TorchvisionConvertImageDtype } from './convert-image-dtype';
import { TorchvisionNormalize } from './normalize';
import { TorchvisionPILToTensor, TorchvisionToTensor } from './to-tensor';
import { TorchvisionRandomErasing } from './random-erasing';

function ramp(height: number, width: number): Image {
  return createImage(height, width, 3, { data: Uint8Array.from({ length: height * width * 3 }, (_, i) => (i * 23) % 256), channelOrder: 'rgb' });
}

describe('torchvision geometry on PIL images', () => {
  it('RandomResizedCrop outputs the size and is reproducible', () => {
    const transform = new TorchvisionRandomResizedCrop({ size: 8, interpolation: 'bilinear' });
    const a = transform.transform({ img: ramp(20, 30) }, new Generator(4)).img as Image;
    const b = transform.transform({ img: ramp(20, 30) }, new Generator(4)).img as Image;
    expect([a.height, a.width]).toEqual([8, 8]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(() => new TorchvisionRandomResizedCrop({ size: 8, interpolation: 'cubic' })).toThrow(/interpolation must be one of/);
  });

  it('Resize resizes the shorter edge with truncation; CenterCrop pads then crops', () => {
    const resized = new TorchvisionResize({ size: 10 }).transform({ img: ramp(20, 33) }).img as Image;
    expect([resized.height, resized.width]).toEqual([10, 16]);
    expect(Array.from(resized.data)).toEqual(Array.from(resizePillow(ramp(20, 33), 16, 10, 'bilinear').data));
    const cropped = new TorchvisionCenterCrop({ size: [4, 6] }).transform({ img: ramp(2, 9) }).img as Image;
    expect([cropped.height, cropped.width]).toEqual([4, 6]);
    expect(Array.from(cropped.data.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('RandomHorizontalFlip flips with p=1 and not with p=0', () => {
    const image = ramp(1, 2);
    expect(Array.from((new TorchvisionRandomHorizontalFlip({ p: 1 }).transform({ img: image }, new Generator(0)).img as Image).data)).toEqual([69, 92, 115, 0, 23, 46]);
    expect(new TorchvisionRandomHorizontalFlip({ p: 0 }).transform({ img: image }, new Generator(0)).img).toBe(image);
  });
});

describe('torchvision tensor transforms', () => {
  it('PILToTensor, ConvertImageDtype and Normalize give (x / 255 - mean) / std in CHW', () => {
    let sample: Sample = { img: ramp(2, 2) };
    sample = new TorchvisionPILToTensor().transform(sample);
    sample = new TorchvisionConvertImageDtype({ dtype: 'float' }).transform(sample);
    sample = new TorchvisionNormalize({ mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }).transform(sample);
    const image = sample.img as Image;
    expect(image.layout).toBe('chw');
    const f = Math.fround;
    expect(image.data[1]).toBe(f(f(f(69 / 255) - f(0.485)) / f(0.229)));
    const toTensor = new TorchvisionToTensor().transform({ img: ramp(2, 2) }).img as Image;
    expect(toTensor.data[1]).toBe(f(69 / 255));
    expect(() => new TorchvisionNormalize({ mean: [0], std: [0] })).toThrow(/division by zero/);
    expect(() => new TorchvisionConvertImageDtype({ dtype: 'float16' })).toThrow(/dtype must be/);
    expect(() => new TorchvisionNormalize({ mean: [0], std: [1] }).transform({ img: ramp(2, 2) })).toThrow(/expects a tensor image/);
  });

  it('RandomErasing erases a rectangle of a CHW tensor image', () => {
    const chw = new TorchvisionToTensor().transform({ img: ramp(16, 16) });
    const erased = new TorchvisionRandomErasing({ p: 1, value: 0 }).transform(chw, new Generator(2)).img as Image;
    const zeros = Array.from(erased.data).filter((value) => value === 0).length;
    expect(zeros).toBeGreaterThan(3 * 0.02 * 256 - 1);
    const random = new TorchvisionRandomErasing({ p: 1, value: 'random' }).transform(new TorchvisionToTensor().transform({ img: ramp(16, 16) }), new Generator(2)).img as Image;
    expect(Array.from(random.data).some((value) => value < 0)).toBe(true);
  });
});

describe('torchvision color transforms', () => {
  it('ColorJitter with a fixed brightness equals Pillow brightness', () => {
    const image = ramp(4, 4);
    const output = new TorchvisionColorJitter({ brightness: [0.5, 0.5] }).transform({ img: image }, new Generator(0)).img as Image;
    expect(Array.from(output.data)).toEqual(Array.from(pillowBrightness(image, 0.5).data));
    expect(() => new TorchvisionColorJitter({ hue: 0.7 })).toThrow(/hue/);
  });

  it('TrivialAugmentWide applies torchvision operations through Pillow', () => {
    const trivial = new TorchvisionTrivialAugmentWide({ interpolation: 'bilinear' });
    const image = ramp(12, 12);
    expect(Array.from(trivial.apply(image, 'ShearX', 0.3).data)).toEqual(Array.from(pillowAffine(image, [1, Math.tan(Math.atan(0.3)), 0, 0, 1, 0], 'bilinear', [0, 0, 0]).data));
    expect(Array.from(trivial.apply(image, 'TranslateY', -5.9).data.subarray(0, 3))).toEqual(Array.from(image.data.subarray(5 * 36, 5 * 36 + 3)));
    expect(Array.from(trivial.apply(image, 'Rotate', 90).data)).toEqual(Array.from(pillowRotate(image, 90, 'bilinear', [0, 0, 0]).data));
    const a = trivial.transform({ img: image }, new Generator(8)).img as Image;
    const b = trivial.transform({ img: image }, new Generator(8)).img as Image;
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(() => new TorchvisionTrivialAugmentWide({ interpolation: 'lanczos' })).toThrow(/'nearest', 'bilinear' or 'bicubic'/);
  });
});
