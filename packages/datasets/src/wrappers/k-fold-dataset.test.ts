import { describe, expect, it } from 'vitest';
import { folderTree } from '../__fixtures__/folder-tree';
import { CustomDataset } from '../custom-dataset';
import { KFoldDataset, kFoldIndices } from './k-fold-dataset';

describe('KFoldDataset', () => {
  it('splits into folds as MMPretrain does', () => {
    expect([...kFoldIndices(10, 1, 3, true, null)]).toEqual([3, 4, 5]);
    expect([...kFoldIndices(10, 1, 3, false, null)]).toEqual([0, 1, 2, 6, 7, 8, 9]);
    const shuffledTest = kFoldIndices(10, 2, 3, true, 5);
    const shuffledTrain = kFoldIndices(10, 2, 3, false, 5);
    expect([...shuffledTest, ...shuffledTrain].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dataset = new CustomDataset({ data_prefix: folderTree([5, 5]) });
    const validation = new KFoldDataset({ dataset, fold: 4, num_splits: 5, test_mode: true });
    expect(validation.length).toBe(2);
    expect(validation.getDataInfo(0).img_path).toBe(dataset.getDataInfo(8).img_path);
    expect(() => new KFoldDataset({ dataset, fold: 5 })).toThrow('KFoldDataset: fold 5 is outside [0, 4]');
  });
});
