import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../__fixtures__/dataset-files';
import { ImageNet } from './imagenet';
import { IMAGENET_CATEGORIES } from './imagenet-categories';

describe('ImageNet', () => {
  it('has the 1000 classes of MMPretrain', () => {
    expect(IMAGENET_CATEGORIES).toHaveLength(1000);
    expect(new Set(IMAGENET_CATEGORIES).size).toBe(999); // "crane" the bird and "crane" the machine
    expect(IMAGENET_CATEGORIES[0]).toBe('tench, Tinca tinca');
    expect(IMAGENET_CATEGORIES[999]).toBe('toilet tissue, toilet paper, bathroom tissue');
  });

  it('reads the sub-folder layout of a split', () => {
    const root = makeTree({
      'train/n01440764/n01440764_10026.JPEG': 'a',
      'train/n01443537/n01443537_1.JPEG': 'b',
      'train/n01443537/n01443537_2.jpeg': 'c',
    });
    const train = new ImageNet({ data_root: root, split: 'train', classes: ['tench', 'goldfish'] });
    expect(train.length).toBe(3);
    expect(train.getDataInfo(2)).toMatchObject({ img_path: join(root, 'train/n01443537/n01443537_2.jpeg'), gt_label: 1 });
    expect(() => new ImageNet({ data_root: root, split: 'train' })).toThrow(
      `The number of sub-folders of ${join(root, 'train')} (2: n01440764, n01443537) does not match the number of classes given (1000: tench, Tinca tinca`,
    );
  });

  it('reads meta/<split>.txt when it exists, and the test split without labels', () => {
    const root = makeTree({
      'meta/val.txt': 'ILSVRC2012_val_00000001.JPEG 65\nILSVRC2012_val_00000002.JPEG 970\n',
      'meta/test.txt': 'ILSVRC2012_test_00000001.JPEG\n',
      'meta/train.txt': 'n01440764/x.JPEG 1000\n',
    });
    const validation = new ImageNet({ data_root: root, split: 'val' });
    expect(validation.annFile).toBe(join(root, 'meta/val.txt'));
    expect(validation.getDataInfo(1)).toEqual({ img_path: join(root, 'val/ILSVRC2012_val_00000002.JPEG'), gt_label: 970, sample_idx: 1 });
    expect(validation.classes?.[65]).toBe('sea snake');
    const test = new ImageNet({ data_root: root, split: 'test' });
    expect(test.getDataInfo(0)).toEqual({ img_path: join(root, 'test/ILSVRC2012_test_00000001.JPEG'), sample_idx: 0 });
    expect(() => new ImageNet({ data_root: root, split: 'train' })).toThrow(`${join(root, 'meta/train.txt')}, line 1: label 1000 is outside [0, 999] (1000 classes)`);
    expect(() => new ImageNet({ data_root: root, split: 'dev' as 'val' })).toThrow('ImageNet: split must be "train", "val" or "test", got "dev"');
  });
});
