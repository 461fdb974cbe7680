import { describe, expect, it } from 'vitest';
import { folderTree, labelsOf } from '../__fixtures__/folder-tree';
import { CustomDataset } from '../custom-dataset';
import { ClassBalancedDataset, repeatFactors } from './class-balanced-dataset';

describe('ClassBalancedDataset', () => {
  it("repeats rare classes by MMEngine's rule", () => {
    // 8 samples of class 0 (f = 0.8) and 2 of class 1 (f = 0.2): with threshold 0.5,
    // r(0) = max(1, sqrt(0.5 / 0.8)) = 1 and r(1) = sqrt(0.5 / 0.2) = 1.58, so each class-1 sample appears twice.
    const balanced = new ClassBalancedDataset({ dataset: new CustomDataset({ data_prefix: folderTree([8, 2]) }), oversample_thr: 0.5 });
    expect(balanced.length).toBe(12);
    expect(labelsOf(balanced)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const factors = repeatFactors([[0], [0, 1], [1], [], [2]], 0.9);
    expect(factors[0]).toBeCloseTo(Math.sqrt(0.9 / 0.4));
    expect(factors[1]).toBeCloseTo(Math.sqrt(0.9 / 0.4));
    expect(factors[3]).toBe(1);
    expect(factors[4]).toBeCloseTo(Math.sqrt(0.9 / 0.2));
  });
});
