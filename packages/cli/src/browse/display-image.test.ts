import { createImage } from '@mmpt/transforms';
import { describe, expect, it } from 'vitest';
import { displayImages, rescaleImage } from './display-image';

describe('displayImages', () => {
  it('turns packed CHW float values into clipped uint8 HWC images in the channel order asked', () => {
    const packed = { data: Float32Array.of(-5, 300, 1.4, 2.6, 7, 8), shape: [3, 1, 2] };
    const [bgr] = displayImages(packed, 'BGR');
    expect(bgr).toMatchObject({ height: 1, width: 2, channels: 3, channelOrder: 'bgr', layout: 'hwc' });
    expect(Array.from(bgr?.data ?? [])).toEqual([0, 1, 7, 255, 3, 8]);
    expect(displayImages(packed, 'RGB')[0]?.channelOrder).toBe('rgb');
  });

  it('reads images whatever their own channel label, and lists of views', () => {
    const image = createImage(2, 2, 3, { channelOrder: 'rgb', data: new Float32Array(12).fill(12.5) });
    const [shown] = displayImages(image, 'BGR');
    expect(shown?.channelOrder).toBe('bgr');
    expect(shown?.data).toBeInstanceOf(Uint8Array);
    expect(displayImages([image, createImage(2, 2, 1)], 'BGR').map((view) => view.channelOrder)).toEqual(['bgr', 'gray']);
    expect(displayImages({ data: new Float32Array(6), shape: [2, 3] }, 'BGR')[0]).toMatchObject({ height: 2, width: 3, channels: 1 });
    expect(displayImages('not an image', 'BGR')).toEqual([]);
  });

  it('rescales by a factor', () => {
    const image = createImage(3, 5, 1);
    expect(rescaleImage(image, 1)).toBe(image);
    expect(rescaleImage(image, 2)).toMatchObject({ height: 6, width: 10 });
    expect(rescaleImage(image, 0.5)).toMatchObject({ height: 2, width: 3 });
  });
});
