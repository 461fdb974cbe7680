import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed';
import { thresholdSuffix } from './threshold-suffix';

describe('formatFixed', () => {
  it("formats as Python's '.2f'", () => {
    expect(formatFixed(0.6, 2)).toBe('0.60');
    expect(formatFixed(0, 2)).toBe('0.00');
    expect(formatFixed(0.005, 2)).toBe('0.01'); // 0.005 is slightly above 0.005 in binary
    expect(formatFixed(1.005, 2)).toBe('1.00'); // and 1.005 slightly below
  });

  it('rounds exact ties to the even digit', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(0.625, 2)).toBe('0.62');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
  });

  it('names thresholds as MMPretrain', () => {
    expect(thresholdSuffix(null)).toBe('_no-thr');
    expect(thresholdSuffix(0.6)).toBe('_thr-0.60');
  });
});
