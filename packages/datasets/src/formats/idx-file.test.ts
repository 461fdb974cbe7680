import { describe, expect, it } from 'vitest';
import { idxBytes } from '../__fixtures__/dataset-files';
import { parseIdx } from './idx-file';

describe('parseIdx', () => {
  it('reads the shape and the bytes of an IDX file', () => {
    const parsed = parseIdx(idxBytes([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 255)), 'x.idx');
    expect(parsed.shape).toEqual([2, 3]);
    expect([...parsed.data]).toEqual([1, 2, 3, 4, 5, 255]);
  });

  it('reads big-endian ints and names a broken file', () => {
    const bytes = Uint8Array.of(0, 0, 0x0c, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe, 0, 0, 1, 0);
    expect([...parseIdx(bytes, 'ints').data]).toEqual([-2, 256]);
    expect(() => parseIdx(Uint8Array.of(1, 2, 3, 4), 'bad.idx')).toThrow('bad.idx: not an IDX file');
    expect(() => parseIdx(idxBytes([4], Uint8Array.of(1, 2)), 'short.idx')).toThrow('short.idx: the header announces 4 unsigned byte values (12 bytes), the file has 10 bytes');
  });
});
