import { type DataSample, type HostArray, MultiTaskDataSample } from '@mmpt/structures';
import { type Tensor, Generator, createCpuBackend, memory, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { type Image, createImage } from '../../image/image';
import type { Sample } from '../../pipeline/sample';
import { Collect } from './collect';
import { ImageToTensor } from './image-to-tensor';
import { NumpyToPIL, PILToNumpy } from './pil-conversions';
import { Transpose } from './transpose';
import { PackInputs, imageToChw } from './pack-inputs';
import { PackMultiTaskInputs } from './pack-multi-task-inputs';

const backend = createCpuBackend();
setDefaultBackend(backend);
afterAll(() => backend.dispose());

const image = createImage(2, 3, 3, { data: Uint8Array.from({ length: 18 }, (_, i) => i) });

describe('PackInputs', () => {
  it('packs an HWC image into a CHW tensor and the labels and meta keys into a DataSample', () => {
    const before = memory().tensors;
    const packed = new PackInputs({ backend }).transform({ img: image, gt_label: 3, img_path: 'a.jpg', img_shape: [2, 3], flip: false, other: 1 });
    const inputs = packed.inputs as Tensor;
    expect(inputs.shape).toEqual([3, 2, 3]);
    expect(Array.from(inputs.dataSync()).slice(0, 6)).toEqual([0, 3, 6, 9, 12, 15]);
    const sample = packed.data_samples as DataSample;
    expect(Array.from(sample.gtLabel!)).toEqual([3]);
    expect(sample.metainfo).toEqual({ img_path: 'a.jpg', img_shape: [2, 3], flip: false });
    expect(Object.keys(packed)).toEqual(['inputs', 'data_samples']);
    inputs.dispose();
    expect(memory().tensors).toBe(before);
  });

  it('packs gray images as 1xHxW, lists as lists, masks and algorithm keys', () => {
    const gray = createImage(2, 2, 1, { data: Uint8Array.of(1, 2, 3, 4) });
    const packed = new PackInputs({ algorithm_keys: ['caption'], meta_keys: [], backend }).transform({
      img: [gray, gray],
      mask: { data: Int32Array.of(1, 0), shape: [1, 2] },
      gt_score: [0.5, 0.5],
      caption: 'a cat',
    });
    const inputs = packed.inputs as Tensor[];
    expect(inputs.map((tensor) => tensor.shape)).toEqual([[1, 2, 2], [1, 2, 2]]);
    const sample = packed.data_samples as DataSample;
    expect(sample.mask?.shape).toEqual([1, 2]);
    expect(sample.get('caption')).toBe('a cat');
    expect(sample.metainfo.num_classes).toBe(2);
    for (const tensor of inputs) tensor.dispose();
    expect(() => new PackInputs().transform({ img: 'x' as never })).toThrow(/unsupported input type string/);
    expect(() => new PackInputs().transform({ img: image, gt_label: 'cat' as never })).toThrow(/string "cat"/);
  });

  it('keeps inputs on the host without a backend, for data loader workers', () => {
    const before = memory().tensors;
    const packed = new PackInputs().transform({ img: image, gt_label: 1 });
    expect(packed.inputs).toEqual({ data: Float32Array.from([0, 3, 6, 9, 12, 15, 1, 4, 7, 10, 13, 16, 2, 5, 8, 11, 14, 17]), shape: [3, 2, 3] });
    expect(memory().tensors).toBe(before);
  });

  it('PackMultiTaskInputs packs one data sample per task', () => {
    const packed = new PackMultiTaskInputs({ multi_task_fields: ['gt_label'] }).transform({ img: image, gt_label: { color: 2, shape: 0 }, img_path: 'a.jpg' }, new Generator(0));
    const sample = packed.data_samples as MultiTaskDataSample;
    expect(sample).toBeInstanceOf(MultiTaskDataSample);
    expect(sample.taskNames).toEqual(['color', 'shape']);
    expect(Array.from((sample.task('color') as DataSample).gtLabel!)).toEqual([2]);
    expect((sample.task('shape') as DataSample).metainfo.img_path).toBe('a.jpg');
    expect((packed.inputs as HostArray).shape).toEqual([3, 2, 3]);
  });
});

describe('format conversions', () => {
  it('Transpose and ImageToTensor change the layout; imageToChw gives the values', () => {
    const chw = new Transpose({ keys: ['img'], order: [2, 0, 1] }).transform({ img: image }).img as Image;
    expect([chw.layout, chw.height, chw.width, chw.channels]).toEqual(['chw', 2, 3, 3]);
    expect(Array.from(chw.data.subarray(0, 6))).toEqual([0, 3, 6, 9, 12, 15]);
    expect(Array.from(imageToChw(chw).data)).toEqual(Array.from(imageToChw(image).data));
    const back = new Transpose({ keys: ['img'], order: [1, 2, 0] }).transform({ img: chw }).img as Image;
    expect(Array.from(back.data)).toEqual(Array.from(image.data));
    const swapped = new Transpose({ keys: ['img'], order: [1, 0, 2] }).transform({ img: image }).img as Image;
    expect([swapped.height, swapped.width, swapped.data[3]]).toEqual([3, 2, 9]);
    expect((new ImageToTensor({ keys: ['img'] }).transform({ img: image }).img as Image).layout).toBe('chw');
    expect(() => new Transpose({ keys: ['img'], order: [0, 2, 1] }).transform({ img: image })).toThrow(/channels in the middle/);
  });

  it('NumpyToPIL and PILToNumpy convert the channel order and dtype', () => {
    const rgb = new NumpyToPIL({ to_rgb: true }).transform({ img: image }).img as Image;
    expect([rgb.channelOrder, rgb.data[0], rgb.data[2]]).toEqual(['rgb', 2, 0]);
    const bgr = new PILToNumpy({ to_bgr: true, dtype: 'float32' }).transform({ img: rgb }).img as Image;
    expect(bgr.channelOrder).toBe('bgr');
    expect(Array.from(bgr.data)).toEqual(Array.from(image.data));
    expect(bgr.data).toBeInstanceOf(Float32Array);
  });

  it('Collect keeps only the given keys and names a missing one', () => {
    const sample: Sample = { img: image, gt_label: 1, extra: 2 };
    expect(Object.keys(new Collect({ keys: ['img', 'gt_label'] }).transform(sample))).toEqual(['img', 'gt_label']);
    expect(() => new Collect({ keys: ['mask'] }).transform(sample)).toThrow(/no "mask"/);
  });
});
