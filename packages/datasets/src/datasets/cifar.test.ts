import { describe, expect, it } from 'vitest';
import { cifarBinary, cifarPickle, cifarPixels, makeTree } from '../__fixtures__/dataset-files';
import { CIFAR10, CIFAR100 } from './cifar';

/** The HWC RGB image MMPretrain makes of CHW planes. */
function hwc(planes: Uint8Array): Uint8Array {
  const out = new Uint8Array(3072);
  for (let position = 0; position < 1024; position++) for (let channel = 0; channel < 3; channel++) out[position * 3 + channel] = planes[channel * 1024 + position] as number;
  return out;
}

describe('CIFAR10', () => {
  const pixels = cifarPixels(3);
  const files: Record<string, Uint8Array> = {};
  for (let batch = 1; batch <= 5; batch++) files[`cifar-10-batches-py/data_batch_${batch}`] = cifarPickle(pixels.subarray(0, 3072 * (batch === 1 ? 2 : 1)), batch === 1 ? [1, 2] : [batch], 'labels');
  files['cifar-10-batches-py/test_batch'] = cifarPickle(pixels.subarray(0, 3072), [9], 'labels');
  const root = makeTree(files);

  it('reads the python batches of a split as HWC RGB images', () => {
    const train = new CIFAR10({ data_root: root, split: 'train' });
    expect(train.length).toBe(6);
    expect([...train.getGtLabels()]).toEqual([1, 2, 2, 3, 4, 5]);
    expect(train.classes).toHaveLength(10);
    const image = train.getDataInfo(1).img as { data: Uint8Array; channelOrder: string; height: number };
    expect(image.data).toEqual(hwc(pixels.subarray(3072, 6144)));
    expect(image).toMatchObject({ height: 32, channelOrder: 'rgb' });
    const test = new CIFAR10({ data_root: root, split: 'test' });
    expect(test.getDataInfo(0)).toMatchObject({ gt_label: 9 });
  });

  it('reads the binary batches and names broken ones', () => {
    const binary = makeTree({
      'cifar-10-batches-bin/test_batch.bin': cifarBinary(pixels.subarray(0, 6144), [[4], [8]]),
      'cifar-100-binary/test.bin': cifarBinary(pixels.subarray(0, 3072), [[3, 99]]),
    });
    const test = new CIFAR10({ data_root: binary, split: 'test' });
    expect([...test.getGtLabels()]).toEqual([4, 8]);
    expect((test.getDataInfo(1).img as { data: Uint8Array }).data).toEqual(hwc(pixels.subarray(3072, 6144)));
    const hundred = new CIFAR100({ data_root: binary, split: 'test' });
    expect(hundred.getDataInfo(0).gt_label).toBe(99);
    expect(hundred.classes?.[99]).toBe('worm');
    expect(() => new CIFAR10({ data_root: binary, split: 'train' })).toThrow(`CIFAR10: the batch ${binary}/cifar-10-batches-bin/data_batch_1.bin is missing`);
    const broken = makeTree({ 'cifar-10-batches-bin/test_batch.bin': new Uint8Array(100), 'cifar-10-batches-py/test_batch': Uint8Array.of(0x80, 2, 0x54) });
    expect(() => new CIFAR10({ data_root: broken, split: 'test' })).toThrow(`${broken}/cifar-10-batches-py/test_batch: cannot read the pickled batch`);
    const nothing = makeTree({ 'x.txt': '' });
    expect(() => new CIFAR10({ data_root: nothing })).toThrow(`Cannot find CIFAR10 in ${nothing}: expected the python batches in ${nothing}/cifar-10-batches-py or the binary batches in ${nothing}/cifar-10-batches-bin`);
  });

  it('reads CIFAR-100 fine labels and checks the label range', () => {
    const hundred = makeTree({ 'cifar-100-python/train': cifarPickle(pixels.subarray(0, 6144), [0, 100], 'fine_labels') });
    expect(() => new CIFAR100({ data_root: hundred })).toThrow(`${hundred}/cifar-100-python/train, image 1: label 100 is outside [0, 99] (100 classes)`);
  });
});
