import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend, setDefaultBackend, tensor } from '@mmpt/tensor';
import { DataSample } from './data-sample';
import { MultiTaskDataSample } from './multi-task-data-sample';

const backend = createCpuBackend();
setDefaultBackend(backend);
afterAll(() => backend.dispose());

describe('DataSample', () => {
  it('sets labels and scores in their formatted forms', () => {
    const sample = new DataSample({ metainfo: { img_shape: [960, 720], num_classes: 5 } });
    sample.setGtLabel(3).setPredLabel([0, 1, 4]);
    expect(Array.from(sample.gtLabel!)).toEqual([3]);
    expect(Array.from(sample.predLabel!)).toEqual([0, 1, 4]);
    expect(sample.metainfo.img_shape).toEqual([960, 720]);
    expect(sample.numClasses).toBe(5);
  });

  it('sets num_classes from the first score and checks later ones', () => {
    const sample = new DataSample().setPredScore([0.1, 0.1, 0.6, 0.2]);
    expect(sample.metainfo.num_classes).toBe(4);
    sample.setGtScore(Float32Array.of(0, 0, 1, 0));
    expect(() => sample.setGtScore([1, 0])).toThrow(/2 values, but num_classes is 4/);
  });

  it('accepts a tensor label and mask, and rejects a string label', () => {
    const label = tensor([2], { dtype: 'int32' });
    const mask = tensor([[1, 0], [0, 1]]);
    const sample = new DataSample().setGtLabel(label).setMask(mask);
    expect(Array.from(sample.gtLabel!)).toEqual([2]);
    expect(sample.mask!.shape).toEqual([2, 2]);
    expect(Array.from(sample.mask!.data)).toEqual([1, 0, 0, 1]);
    label.dispose();
    mask.dispose();
    expect(() => new DataSample().setGtLabel('dog' as never)).toThrow(/DataSample.setGtLabel: .*string "dog"/);
    expect(() => new DataSample().setMask([1, 2] as never)).toThrow(/host array or a Tensor/);
  });

  it('routes setField and get by MMPretrain names', () => {
    const sample = new DataSample();
    sample.setField(1, 'gt_label').setField([3, 4], 'img_shape', 'metainfo').setField('x', 'caption');
    expect(Array.from(sample.get('gt_label') as Int32Array)).toEqual([1]);
    expect(sample.get('img_shape')).toEqual([3, 4]);
    expect(sample.get('caption')).toBe('x');
    expect(sample.has('pred_label')).toBe(false);
    const copy = sample.clone();
    copy.gtLabel![0] = 9;
    expect(sample.gtLabel![0]).toBe(1);
    expect(sample.toString()).toContain('gt_label: [1]');
    expect(sample.toString()).toContain('img_shape: (3, 4)');
  });
});

describe('MultiTaskDataSample', () => {
  it('holds one sample per task', () => {
    const sample = new MultiTaskDataSample().setTask('color', new DataSample().setGtLabel(2));
    expect(sample.taskNames).toEqual(['color']);
    expect(Array.from((sample.task('color') as DataSample).gtLabel!)).toEqual([2]);
  });
});
