import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../__fixtures__/dataset-files';
import { VOC } from './voc';

const annotation = (objects: Array<[string, number | undefined]>) =>
  `<annotation>\n  <filename>x.jpg</filename>\n${objects
    .map(([name, difficult]) => `  <object>\n    <name>${name}</name>\n${difficult === undefined ? '' : `    <difficult>${difficult}</difficult>\n`}  </object>\n`)
    .join('')}</annotation>\n`;

describe('VOC', () => {
  const root = makeTree({
    'ImageSets/Main/trainval.txt': '000005\n000007\n\n',
    'ImageSets/Main/test.txt': '000001\n',
    'ImageSets/Main/train.txt': '000009\n',
    'ImageSets/Main/val.txt': '000005 1\n',
    'Annotations/000005.xml': annotation([
      ['chair', 0],
      ['chair', 1],
      ['person', 1],
      ['unicorn', 0],
      ['aeroplane', undefined],
    ]),
    'Annotations/000007.xml': annotation([['car', 0]]),
    'Annotations/000009.xml': '<annotation>\n<object><name>car</name>\n</annotation>',
  });

  it('reads the image set, the labels and the difficult labels', () => {
    const dataset = new VOC({ data_root: root });
    expect(dataset.length).toBe(2);
    expect(dataset.classes).toHaveLength(20);
    expect(dataset.getDataInfo(0)).toEqual({
      img_path: join(root, 'JPEGImages/000005.jpg'),
      gt_label: [0, 8],
      gt_label_difficult: [8, 14],
      sample_idx: 0,
    });
    expect(dataset.getCatIds(1)).toEqual([6]);
    const unlabelled = new VOC({ data_root: root, split: 'test', test_mode: true, data_prefix: 'JPEGImages' });
    expect(unlabelled.getDataInfo(0)).toEqual({ img_path: join(root, 'JPEGImages/000001.jpg'), sample_idx: 0 });
  });

  it('names broken XML and image set lines', () => {
    expect(() => new VOC({ data_root: root, split: 'train' })).toThrow(`${join(root, 'Annotations/000009.xml')}, line 3: closing tag </annotation> does not match <object>`);
    expect(() => new VOC({ data_root: root, split: 'val' })).toThrow(`${join(root, 'ImageSets/Main/val.txt')}, line 1: expected one image id per line, got "000005 1"`);
    expect(() => new VOC({ data_root: root, split: 'train', data_prefix: 'JPEGImages' })).toThrow('data_prefix.ann_path must be set');
  });
});
