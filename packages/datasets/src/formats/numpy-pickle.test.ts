import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cifarPickle, cifarPixels } from '../__fixtures__/dataset-files';
import { NumpyArray, pickleEntry, readNumpyPickle } from './numpy-pickle';
import { latin1Strings } from './python2-strings';

const fixtures = JSON.parse(readFileSync(new URL('../__fixtures__/numpy-pickles.json', import.meta.url), 'utf8')) as {
  expected: Record<string, unknown>;
  pickles: Record<string, string>;
};

describe('readNumpyPickle', () => {
  it('reads the pickles Python writes with protocols 2, 4 and 5', () => {
    const expected = fixtures.expected;
    for (const [protocol, base64] of Object.entries(fixtures.pickles)) {
      const batch = readNumpyPickle(Buffer.from(base64, 'base64'), `protocol ${protocol}`);
      const data = pickleEntry(batch, 'data') as NumpyArray;
      expect(data).toBeInstanceOf(NumpyArray);
      expect(data.shape).toEqual(expected.data_shape);
      expect([...data.data.subarray(0, 8)]).toEqual(expected.data_first);
      expect([...data.data.subarray(-8)]).toEqual(expected.data_last);
      expect(pickleEntry(batch, 'fine_labels')).toEqual(expected.fine_labels);
      expect([...(pickleEntry(batch, 'coarse_labels') as NumpyArray).data]).toEqual(expected.coarse_labels);
      expect([...(pickleEntry(batch, 'weights') as NumpyArray).data]).toEqual(expected.weights);
      expect(pickleEntry(batch, 'batch_label')).toBe(expected.batch_label);
    }
  });

  it('reads Python 2 byte strings as latin-1, as the official CIFAR batches need', () => {
    const pixels = cifarPixels(2);
    const batch = readNumpyPickle(cifarPickle(pixels, [3, 7], 'labels'), 'data_batch_1');
    expect((pickleEntry(batch, 'data') as NumpyArray).data).toEqual(pixels);
    expect(pickleEntry(batch, 'labels')).toEqual([3, 7]);
    expect(pickleEntry(batch, 'batch_label')).toBe('training batch 1 of 5');
  });

  it('executes nothing: other globals stay inert', () => {
    // GLOBAL os.system, then REDUCE with ('echo',): the call becomes a marker, never a process.
    const pickle = Buffer.concat([Buffer.from('\x80\x02cos\nsystem\nU\x04echo\x85R.', 'latin1')]);
    const value = readNumpyPickle(pickle, 'evil') as { global: { module: string; name: string } };
    expect(value.global.module).toBe('os');
    expect(value.global.name).toBe('system');
  });

  it('leaves a pickle without byte strings untouched and names a truncated one', () => {
    const bytes = Buffer.from(fixtures.pickles['4'] as string, 'base64');
    expect(latin1Strings(bytes, 'p4')).toBe(bytes);
    expect(() => latin1Strings(Uint8Array.of(0x80, 0x02, 0x54, 9, 0, 0, 0, 1), 'cut')).toThrow('cut: unexpected end of data');
  });
});
