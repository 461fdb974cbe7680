import { describe, expect, it } from 'vitest';
import { fromHalfBits, toHalfBits } from './half-float';

describe('float16 conversion on the host', () => {
  it('round-trips exactly representable values', () => {
    for (const value of [0, 1, -2, 0.5, 65504, -65504, 2 ** -14, 2 ** -24, 1.5, 0.0999755859375]) {
      expect(fromHalfBits(toHalfBits(value))).toBe(value);
    }
    expect(Object.is(fromHalfBits(toHalfBits(-0)), -0)).toBe(true);
  });

  it('rounds to nearest even and overflows to infinity', () => {
    expect(fromHalfBits(toHalfBits(1 + 2 ** -11))).toBe(1);
    expect(fromHalfBits(toHalfBits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(fromHalfBits(toHalfBits(0.1))).toBeCloseTo(0.1, 3);
    expect(fromHalfBits(toHalfBits(70000))).toBe(Number.POSITIVE_INFINITY);
    expect(fromHalfBits(toHalfBits(Number.NEGATIVE_INFINITY))).toBe(Number.NEGATIVE_INFINITY);
    expect(fromHalfBits(toHalfBits(Number.NaN))).toBeNaN();
    expect(fromHalfBits(toHalfBits(2 ** -26))).toBe(0);
    expect(fromHalfBits(toHalfBits(3 * 2 ** -25))).toBe(2 ** -23);
  });
});
