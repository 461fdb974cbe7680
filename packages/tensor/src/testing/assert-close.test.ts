import { describe, expect, it } from 'vitest';
import { assertClose, indexOf, isClose } from './assert-close';

const tolerance = { rtol: 1e-3, atol: 1e-4 };

describe('isClose', () => {
  it('combines absolute and relative tolerance', () => {
    expect(isClose(1.0005, 1, tolerance)).toBe(true);
    expect(isClose(1.002, 1, tolerance)).toBe(false);
    expect(isClose(5e-5, 0, tolerance)).toBe(true);
  });

  it('matches NaN with NaN and infinities exactly', () => {
    expect(isClose(Number.NaN, Number.NaN, tolerance)).toBe(true);
    expect(isClose(0, Number.NaN, tolerance)).toBe(false);
    expect(isClose(Number.NaN, 0, tolerance)).toBe(false);
    expect(isClose(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, tolerance)).toBe(true);
    expect(isClose(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, tolerance)).toBe(false);
    expect(isClose(3e38, Number.POSITIVE_INFINITY, tolerance)).toBe(false);
  });
});

describe('assertClose', () => {
  it('names the multi-index, both values and the count of mismatches', () => {
    const actual = { shape: [2, 2], dtype: 'float32' as const, values: [1, 2, 3, 4.5] };
    expect(() => assertClose(actual, { shape: [2, 2], values: [1, 2, 3, 4] }, tolerance, 'op')).toThrow(
      /op: 1 of 4 values differ \(within rtol 0.001, atol 0.0001\), at \[1, 1\]: 4.5 instead of 4/,
    );
    expect(() => assertClose(actual, { shape: [2, 2], values: [1, 2, 3, 4.5] }, tolerance, 'op')).not.toThrow();
  });

  it('checks shapes and dtypes, and integers exactly', () => {
    const ints = { shape: [3], dtype: 'int32' as const, values: [1, 2, 3] };
    expect(() => assertClose(ints, { shape: [1, 3], values: [1, 2, 3] }, tolerance, 'op')).toThrow(/shape \[3\], expected \[1, 3\]/);
    expect(() => assertClose(ints, { shape: [3], dtype: 'float32', values: [1, 2, 3] }, tolerance, 'op')).toThrow(/dtype int32, expected float32/);
    expect(() => assertClose(ints, { shape: [3], values: [1, 2, 3.00001] }, { rtol: 1, atol: 1 }, 'op')).toThrow(/exactly/);
  });

  it('formats indices of any rank', () => {
    expect(indexOf(5, [2, 3])).toBe('[1, 2]');
    expect(indexOf(0, [])).toBe('[]');
  });
});
