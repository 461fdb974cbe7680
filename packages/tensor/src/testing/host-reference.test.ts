import { describe, expect, it } from 'vitest';
import { distinctArray, hostBroadcast, hostCumsum, hostMatmul, hostPermute, hostReduce, seededValues } from './host-reference';

const x = { shape: [2, 3], values: [1, 2, 3, 4, 5, 6] };

describe('host references', () => {
  it('broadcast elementwise functions with NumPy rules', () => {
    expect(hostBroadcast([x, { shape: [3], values: [10, 20, 30] }], (a, b) => a + b)).toEqual({ shape: [2, 3], values: [11, 22, 33, 14, 25, 36] });
    expect(hostBroadcast([{ shape: [2, 1], values: [1, 2] }, { shape: [], values: [3] }], (a, b) => a * b)).toEqual({ shape: [2, 1], values: [3, 6] });
  });

  it('reduce over axes with keepdim', () => {
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(hostReduce(x, 1, false, sum)).toEqual({ shape: [2], values: [6, 15] });
    expect(hostReduce(x, [0], true, sum)).toEqual({ shape: [1, 3], values: [5, 7, 9] });
    expect(hostReduce(x, undefined, false, sum)).toEqual({ shape: [], values: [21] });
  });

  it('permute, multiply matrices and scan', () => {
    expect(hostPermute(x, [1, 0])).toEqual({ shape: [3, 2], values: [1, 4, 2, 5, 3, 6] });
    expect(hostMatmul(x, { shape: [3, 1], values: [1, 0, -1] })).toEqual({ shape: [2, 1], values: [-2, -2] });
    expect(hostCumsum(x, 1, false).values).toEqual([1, 3, 6, 4, 9, 15]);
    expect(hostCumsum(x, 0, true).values).toEqual([5, 7, 9, 4, 5, 6]);
  });

  it('draws reproducible values', () => {
    expect(seededValues(4, 1)).toEqual(seededValues(4, 1));
    expect(seededValues(4, 1)).not.toEqual(seededValues(4, 2));
    const distinct = distinctArray([2, 3], 5).values;
    expect(new Set(distinct).size).toBe(6);
  });
});
