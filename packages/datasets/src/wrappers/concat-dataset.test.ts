import { describe, expect, it } from 'vitest';
import { folderTree, labelsOf } from '../__fixtures__/folder-tree';
import { createRegistries } from '@mmpt/registry';
import { CustomDataset } from '../custom-dataset';
import { register } from '../register';
import { ConcatDataset } from './concat-dataset';
import { RepeatDataset } from './repeat-dataset';

function registries() {
  const result = createRegistries();
  register(result);
  return result;
}

describe('ConcatDataset and RepeatDataset', () => {
  it('concatenates datasets with matching classes and names a mismatch', () => {
    const first = new CustomDataset({ data_prefix: folderTree([1, 2]) });
    const second = new CustomDataset({ data_prefix: folderTree([2, 1]) });
    const concat = new ConcatDataset({ datasets: [first, second] });
    expect(concat.length).toBe(6);
    expect(labelsOf(concat)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(concat.getDataInfo(3).img_path).toBe(second.getDataInfo(0).img_path);
    expect([...concat.getGtLabels()]).toEqual([0, 1, 1, 0, 0, 1]);
    expect(concat.classes).toEqual(['c0', 'c1']);
    expect(() => concat.getDataInfo(6)).toThrow('ConcatDataset: index 6 is out of range for 6 samples');
    const other = new CustomDataset({ data_prefix: folderTree([1, 1, 1]) });
    expect(() => new ConcatDataset({ datasets: [first, other] })).toThrow('ConcatDataset: the meta information "classes" of dataset 2 (["c0","c1","c2"]) does not match the first dataset\'s (["c0","c1"])');
    expect(new ConcatDataset({ datasets: [first, other], ignore_keys: 'classes' }).length).toBe(6);
  });

  it('repeats a dataset built from a config', () => {
    const root = folderTree([2, 1]);
    const repeat = registries().datasets.build({ type: 'RepeatDataset', times: 3, dataset: { type: 'CustomDataset', data_prefix: root } }) as RepeatDataset;
    expect(repeat.length).toBe(9);
    expect(labelsOf(repeat)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(() => new RepeatDataset({ dataset: repeat, times: 0 })).toThrow('RepeatDataset: times must be a positive integer, got 0');
  });
});
