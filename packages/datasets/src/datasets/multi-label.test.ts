import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../__fixtures__/dataset-files';
import { MultiLabelDataset } from './multi-label';

describe('MultiLabelDataset', () => {
  const root = makeTree({
    'ann.json': JSON.stringify({
      metainfo: { classes: ['A', 'B', 'C'] },
      data_list: [
        { img_path: 'test_img1.jpg', gt_label: [0, 1] },
        { img_path: '/abs/test_img2.jpg', gt_label: [2] },
        { img_path: 'test_img3.jpg', gt_label: [] },
      ],
    }),
    'bad-label.json': JSON.stringify({ metainfo: {}, data_list: [{ img_path: 'a.jpg', gt_label: [0] }, { img_path: 'b.jpg', gt_label: [0, 3] }] }),
    'bad-syntax.json': '{\n  "metainfo": {},\n  "data_list": [\n    {"img_path": "a.jpg",}\n  ]\n}\n',
    'no-list.json': '{"metainfo": {}}',
    'empty.json': '{"metainfo": {}, "data_list": []}',
  });

  it("reads MMEngine's annotation JSON with the file's classes", () => {
    const dataset = new MultiLabelDataset({ data_root: root, ann_file: 'ann.json', data_prefix: 'images' });
    expect(dataset.classes).toEqual(['A', 'B', 'C']);
    expect(dataset.length).toBe(3);
    expect(dataset.getDataInfo(0)).toEqual({ img_path: join(root, 'images/test_img1.jpg'), gt_label: [0, 1], sample_idx: 0 });
    expect(dataset.getDataInfo(1).img_path).toBe('/abs/test_img2.jpg');
    expect(dataset.getCatIds(0)).toEqual([0, 1]);
    expect(dataset.getCatIds(2)).toEqual([]);
    const renamed = new MultiLabelDataset({ data_root: root, ann_file: 'ann.json', classes: ['x', 'y', 'z'] });
    expect(renamed.classes).toEqual(['x', 'y', 'z']);
  });

  it('names the file, the sample and the line of errors', () => {
    expect(() => new MultiLabelDataset({ data_root: root, ann_file: 'bad-label.json', classes: ['A', 'B', 'C'] })).toThrow(
      `${join(root, 'bad-label.json')}, data_list[1]: label 3 is outside [0, 2] (3 classes)`,
    );
    expect(() => new MultiLabelDataset({ data_root: root, ann_file: 'bad-syntax.json' })).toThrow(`${join(root, 'bad-syntax.json')}, line 4: not valid JSON`);
    expect(() => new MultiLabelDataset({ data_root: root, ann_file: 'no-list.json' })).toThrow('the annotation must have the keys "data_list" and "metainfo"');
    expect(() => new MultiLabelDataset({ data_root: root })).toThrow('MultiLabelDataset: ann_file is required');
    expect(() => new MultiLabelDataset({ data_root: root, ann_file: 'empty.json' })).toThrow(`The annotation file ${join(root, 'empty.json')} lists no sample`);
  });
});
