import { describe, expect, it } from 'vitest';
import { mergeConfig, stripDeleteKeys } from './merge';

describe('mergeConfig', () => {
  it('merges dicts recursively and replaces lists and scalars', () => {
    const base = { model: { type: 'ResNet', depth: 50, out_indices: [3] }, lr: 0.1 };
    const child = { model: { depth: 101, out_indices: [2, 3] }, lr: 0.01 };
    expect(mergeConfig(child, base)).toEqual({ model: { type: 'ResNet', depth: 101, out_indices: [2, 3] }, lr: 0.01 });
    expect(base.model.depth).toBe(50);
  });

  it('replaces with _delete_ and removes the marker', () => {
    const base = { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9 } };
    const child = { optimizer: { _delete_: true, type: 'AdamW', lr: 0.001 } };
    expect(mergeConfig(child, base)).toEqual({ optimizer: { type: 'AdamW', lr: 0.001 } });
  });

  it('removes _delete_ from a dict that had nothing to replace', () => {
    expect(mergeConfig({ a: { _delete_: true, b: { _delete_: true, c: 1 } } }, {})).toEqual({ a: { b: { c: 1 } } });
    expect(stripDeleteKeys([{ _delete_: true, x: 1 }])).toEqual([{ x: 1 }]);
  });

  it('merges into list elements with allowListKeys', () => {
    const base = { pipeline: [{ type: 'Load' }, { type: 'Resize', scale: 224 }] };
    expect(mergeConfig({ pipeline: { 1: { scale: 32 } } }, base, { allowListKeys: true })).toEqual({
      pipeline: [{ type: 'Load' }, { type: 'Resize', scale: 32 }],
    });
    expect(() => mergeConfig({ pipeline: { 1: { scale: 32 } } }, base)).toThrow(
      'Cannot merge the dict at "pipeline" into a list of length 2',
    );
  });

  it('keeps classes and functions by reference', () => {
    class Net {}
    const merged = mergeConfig({ model: { type: Net } }, { model: { type: 'ResNet', depth: 1 } });
    expect(merged.model).toEqual({ type: Net, depth: 1 });
  });
});
