import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostTensor } from './host-tensor';
import { extractStateDict, readPth } from './pth';
import { RejectedObject } from './restricted-unpickler';
import { readSafetensors, writeSafetensors } from './safetensors';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url))));
const expected = JSON.parse(new TextDecoder().decode(fixture('state-dict.expected.json'))) as Record<string, { shape: number[]; values: number[] }>;

function values(tensor: HostTensor | undefined): number[] {
  return Array.from(tensor?.data ?? []);
}

describe('readPth', () => {
  it('reads a state dict written by torch.save, including strided views and every dtype', () => {
    const state = extractStateDict(readPth(fixture('state-dict.pth'), 'state-dict.pth'));
    expect([...state.keys()]).toEqual(Object.keys(expected));
    for (const [key, reference] of Object.entries(expected)) {
      const tensor = state.get(key);
      expect(tensor?.shape, key).toEqual(reference.shape);
      const actual = values(tensor);
      reference.values.forEach((value, index) => expect(actual[index], `${key}[${index}]`).toBeCloseTo(value, 5));
    }
    expect(state.get('bn.num_batches_tracked')?.dtype).toBe('int32');
    expect(state.get('mask')?.dtype).toBe('bool');
    expect(state.get('half')?.dtype).toBe('float32');
  });

  it('takes the state_dict of an MMEngine-style checkpoint and keeps other objects inert', () => {
    const checkpoint = readPth(fixture('checkpoint.pth')) as Map<string, unknown>;
    const meta = checkpoint.get('meta') as Map<string, unknown>;
    expect(meta.get('epoch')).toBe(3);
    expect(meta.get('seed')).toBeInstanceOf(RejectedObject);
    expect(extractStateDict(checkpoint).size).toBe(Object.keys(expected).length);
  });

  it('never runs code from a pickle', () => {
    const content = readPth(fixture('exploit.pth'), 'exploit.pth') as Map<string, unknown>;
    const payload = content.get('payload') as RejectedObject;
    expect(payload).toBeInstanceOf(RejectedObject);
    expect(String(payload.global)).toMatch(/^(posix|os)\.system$/);
    expect(existsSync('/tmp/mmpt-pickle-exploit')).toBe(false);
    expect(() => extractStateDict(new Map([['state_dict', new Map([['w', payload]])]]), 'exploit.pth')).toThrow(
      /exploit\.pth: entry "w" of the state dict is an object of the rejected Python class (posix|os)\.system, not a tensor/,
    );
  });

  it('names what is wrong with a file that is not a checkpoint', () => {
    expect(() => readPth(new Uint8Array([1, 2, 3]), 'broken.pth')).toThrow(/broken\.pth: not a zip archive/);
    expect(() => extractStateDict(42, 'x.pth')).toThrow('x.pth: expected a state dict (or a checkpoint with a "state_dict" key), found number');
  });
});

describe('safetensors', () => {
  it('writes and reads back tensors and metadata', () => {
    const tensors = new Map<string, HostTensor>([
      ['backbone.conv1.weight', { dtype: 'float32', shape: [2, 1, 1, 1], data: new Float32Array([0.25, -1.5]) }],
      ['backbone.bn1.num_batches_tracked', { dtype: 'int32', shape: [], data: new Int32Array([12]) }],
      ['mask', { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]) }],
    ]);
    const bytes = writeSafetensors(tensors, { format: 'pt', epoch: '3' });
    const headerSize = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerSize % 8).toBe(0);
    const read = readSafetensors(bytes);
    expect(read.metadata).toEqual({ format: 'pt', epoch: '3' });
    expect([...read.tensors.keys()]).toEqual([...tensors.keys()]);
    for (const [name, tensor] of tensors) {
      expect(read.tensors.get(name)).toEqual(tensor);
    }
  });

  it('converts float16 and int64 data', () => {
    const header = JSON.stringify({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, l: { dtype: 'I64', shape: [1], data_offsets: [4, 12] } });
    const bytes = new Uint8Array(8 + header.length + 12);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    const start = 8 + header.length;
    view.setUint16(start, 0x3c00, true); // 1.0
    view.setUint16(start + 2, 0xc000, true); // -2.0
    view.setBigInt64(start + 4, -5n, true);
    const read = readSafetensors(bytes);
    expect(values(read.tensors.get('h'))).toEqual([1, -2]);
    expect(read.tensors.get('l')).toEqual({ dtype: 'int32', shape: [1], data: new Int32Array([-5]) });
  });

  it('names a corrupt file and a tensor that does not fit', () => {
    expect(() => readSafetensors(new Uint8Array(4), 'a.safetensors')).toThrow('a.safetensors: too short to be a safetensors file');
    const header = JSON.stringify({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } });
    const bytes = new Uint8Array(8 + header.length + 8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(new TextEncoder().encode(header), 8);
    expect(() => readSafetensors(bytes, 'b.safetensors')).toThrow('b.safetensors: tensor "w" (F32 [4]) has a data range [0, 16) that does not fit');
  });
});
