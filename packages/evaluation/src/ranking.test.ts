import { describe, expect, it } from 'vitest';
import { descendingOrder, topkIndices } from './ranking';

describe('descendingOrder', () => {
  it('ranks the highest first and ties by the lowest index', () => {
    expect(descendingOrder([0.5, 0.5, 0.9, 0.1, 0.5])).toEqual([2, 0, 1, 4, 3]);
    expect(topkIndices([0.5, 0.5, 0.5, 0.1, 0.5], 3)).toEqual([0, 1, 2]);
  });

  it('ranks a row of a matrix and puts NaN first, as PyTorch', () => {
    const matrix = [9, 9, 1, Number.NaN, 3, -Infinity, Infinity];
    expect(descendingOrder(matrix, 2, 5)).toEqual([1, 4, 2, 0, 3]);
  });
});
