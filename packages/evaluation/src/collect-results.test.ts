import { describe, expect, it } from 'vitest';
import { collectResults } from './collect-results';

describe('collectResults', () => {
  it('cuts one part to the size', () => {
    expect(collectResults([[1, 2, 3]], 2)).toEqual([1, 2]);
    expect(collectResults([[1, 2, 3]], 10)).toEqual([1, 2, 3]);
    expect(collectResults([], 3)).toEqual([]);
  });

  it('interleaves the parts of several workers and drops the padding', () => {
    // Two workers dealt samples 0..4 round-robin; the second one repeated sample 0 as padding.
    expect(collectResults([[0, 2, 4], [1, 3, 0]], 5)).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops at the end of the shortest part, as MMEngine', () => {
    expect(collectResults([[0, 2, 4], [1, 3]], 5)).toEqual([0, 1, 2, 3]);
  });

  it('rejects a bad size', () => {
    expect(() => collectResults([[1]], 1.5)).toThrow('collectResults: size must be a non-negative integer, got 1.5');
  });
});
