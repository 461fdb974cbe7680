import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomDataset } from './custom-dataset';

function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mmpt-custom-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('CustomDataset, sub-folder format', () => {
  const root = makeTree({
    'train/class_y/123.png': 'y1',
    'train/class_y/nested/deep.PNG': 'y2',
    'train/class_x/xxx.png': 'x1',
    'train/class_x/xxy.jpg': 'x2',
    'train/class_x/notes.txt': 'ignored',
  });

  it('takes class names from sorted folder names and every image below them', () => {
    const dataset = new CustomDataset({ data_root: root, data_prefix: 'train' });
    expect(dataset.classes).toEqual(['class_x', 'class_y']);
    expect(dataset.length).toBe(4);
    expect(dataset.getDataInfo(0)).toEqual({ img_path: join(root, 'train/class_x/xxx.png'), gt_label: 0, sample_idx: 0 });
    expect(dataset.getDataInfo(3)).toEqual({ img_path: join(root, 'train/class_y/nested/deep.PNG'), gt_label: 1, sample_idx: 3 });
    expect([...dataset.getGtLabels()]).toEqual([0, 0, 1, 1]);
    expect(dataset.getCatIds(2)).toEqual([1]);
    expect(dataset.classToIdx).toEqual({ class_x: 0, class_y: 1 });
  });

  it('loads every image without labels and filters extensions', () => {
    const unlabelled = new CustomDataset({ data_prefix: join(root, 'train'), with_label: false, extensions: ['.png'] });
    expect(unlabelled.length).toBe(3);
    expect(unlabelled.getDataInfo(0).gt_label).toBeUndefined();
  });

  it('names a class list that does not match, a missing folder and an empty class', () => {
    expect(() => new CustomDataset({ data_prefix: join(root, 'train'), classes: ['a', 'b', 'c'] })).toThrow(
      `The number of sub-folders of ${join(root, 'train')} (2: class_x, class_y) does not match the number of classes given (3: a, b, c)`,
    );
    expect(() => new CustomDataset({ data_prefix: join(root, 'missing') })).toThrow(`The data folder ${join(root, 'missing')} does not exist`);
    const empty = makeTree({ 'a/one.png': '1', 'b/readme.txt': 'no image' });
    expect(() => new CustomDataset({ data_prefix: empty })).toThrow(`The class folder(s) b of ${empty} hold no image`);
  });

  it('defers loading with lazy_init', () => {
    const dataset = new CustomDataset({ data_prefix: join(root, 'nope'), lazy_init: true });
    expect(() => dataset.length).toThrow(/does not exist/);
  });
});

describe('CustomDataset, annotation-file format', () => {
  const root = makeTree({
    'meta/train.txt': 'folder_1/xxx.png 0\nfolder_1/xxy.png 1\n\n123.png 2\n',
    'meta/unlabelled.txt': 'folder_1/xxx.png\n/abs/elsewhere.png\n',
    'meta/bad-label.txt': 'a.png 0\nb.png 7\n',
    'meta/bad-line.txt': 'a.png 0\nb.png\n',
    'meta/classes.txt': 'A\nB\nC\n',
  });

  it('reads path and label per line, relative to the prefix', () => {
    const dataset = new CustomDataset({ data_root: root, ann_file: 'meta/train.txt', data_prefix: 'train', classes: ['A', 'B', 'C'] });
    expect(dataset.length).toBe(3);
    expect(dataset.getDataInfo(2)).toEqual({ img_path: join(root, 'train/123.png'), gt_label: 2, sample_idx: 2 });
  });

  it('reads paths only without labels, keeping absolute paths', () => {
    const dataset = new CustomDataset({ data_root: root, ann_file: 'meta/unlabelled.txt', data_prefix: 'train', with_label: false });
    expect(dataset.getDataInfo(1).img_path).toBe('/abs/elsewhere.png');
  });

  it('reads classes from a file and names a label out of range and a bad line', () => {
    const classesFile = join(root, 'meta/classes.txt');
    expect(() => new CustomDataset({ data_root: root, ann_file: 'meta/bad-label.txt', classes: classesFile })).toThrow(
      `${join(root, 'meta/bad-label.txt')}, line 2: label 7 is outside [0, 2] (3 classes)`,
    );
    expect(() => new CustomDataset({ data_root: root, ann_file: 'meta/bad-line.txt' })).toThrow(
      `${join(root, 'meta/bad-line.txt')}, line 2: expected "path label" with an integer label, got "b.png"`,
    );
    expect(() => new CustomDataset({ data_root: root, ann_file: 'meta/none.txt' })).toThrow(`The annotation file ${join(root, 'meta/none.txt')} does not exist`);
  });
});
