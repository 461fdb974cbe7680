import { describe, expect, it } from 'vitest';
import { SerializedList } from './serialized-list';

describe('SerializedList', () => {
  it('stores JSON records and typed arrays in shared memory and returns copies', () => {
    const pixels = Uint8Array.of(1, 2, 250);
    const records = [
      { img_path: 'a.png', gt_label: 3 },
      { img: { data: pixels, height: 1 }, weights: Float32Array.of(0.5, -1), buffer: Buffer.from([7, 8]) },
    ];
    const list = SerializedList.from<Record<string, unknown>>(records);
    expect(list.length).toBe(2);
    expect(list.get(0)).toEqual({ img_path: 'a.png', gt_label: 3 });
    const second = list.get(1) as { img: { data: Uint8Array }; weights: Float32Array; buffer: Uint8Array };
    expect(second.img.data).toEqual(pixels);
    expect(second.weights).toEqual(Float32Array.of(0.5, -1));
    expect([...second.buffer]).toEqual([7, 8]);
    expect(second.img.data.buffer).toBeInstanceOf(ArrayBuffer);
    second.img.data[0] = 99;
    expect((list.get(1) as typeof second).img.data[0]).toBe(1);
    const { bytes, offsets, arena } = list.buffers;
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arena?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(SerializedList.fromBuffers<Record<string, unknown>>({ bytes, offsets, ...(arena ? { arena } : {}) }).get(1)).toEqual(list.get(1));
    expect(() => list.get(2)).toThrow('index 2 is out of range for 2 records');
  });
});
