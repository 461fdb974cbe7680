import { describe, expect, it } from 'vitest';
import { inputToRgbImage } from './input-image';

describe('inputToRgbImage', () => {
  // A 1x2 CHW image: channel planes one after the other.
  const chw = [10, 11, 120, 121, 250, 251];

  it('reads RGB input as it is and swaps BGR input', () => {
    expect(Array.from(inputToRgbImage(chw, [3, 1, 2], false).data)).toEqual([10, 120, 250, 11, 121, 251]);
    const swapped = inputToRgbImage(chw, [3, 1, 2], true);
    expect(Array.from(swapped.data)).toEqual([250, 120, 10, 251, 121, 11]);
    expect(swapped).toMatchObject({ height: 1, width: 2, channels: 3, channelOrder: 'rgb', layout: 'hwc' });
  });

  it('rounds and clips values, spreads gray over three channels and drops alpha', () => {
    expect(Array.from(inputToRgbImage([-3, 300.2, 7.6], [1, 1, 3], true).data)).toEqual([0, 0, 0, 255, 255, 255, 8, 8, 8]);
    expect(Array.from(inputToRgbImage([5, 6], [1, 2], false).data)).toEqual([5, 5, 5, 6, 6, 6]);
    expect(Array.from(inputToRgbImage([1, 2, 3, 4], [4, 1, 1], false).data)).toEqual([1, 2, 3]);
  });

  it('names shapes it cannot read', () => {
    expect(() => inputToRgbImage(new Float32Array(5 * 4), [5, 2, 2], false)).toThrow(/1 to 4 channels, got 5/);
    expect(() => inputToRgbImage(new Float32Array(3), [3, 2, 2], false)).toThrow(/3 values do not fit shape \[3, 2, 2\]/);
  });
});
