import { describe, expect, it } from 'vitest';
import { formatConfig, formatConfigAsJson } from './format-config';

describe('formatConfig', () => {
  it('writes a readable TypeScript literal', () => {
    const text = formatConfig({
      model: {
        type: 'ImageClassifier',
        backbone: { type: 'ResNet', depth: 50, out_indices: [3] },
        head: { type: 'LinearClsHead', num_classes: 1000, loss: { type: 'CrossEntropyLoss', loss_weight: 1.0 } },
      },
      'data-root': "it's",
      empty: {},
      none: null,
    });
    expect(text).toBe(
      [
        '{',
        '  model: {',
        "    type: 'ImageClassifier',",
        "    backbone: { type: 'ResNet', depth: 50, out_indices: [3] },",
        "    head: { type: 'LinearClsHead', num_classes: 1000, loss: { type: 'CrossEntropyLoss', loss_weight: 1 } },",
        '  },',
        "  'data-root': 'it\\'s',",
        '  empty: {},',
        '  none: null,',
        '}',
      ].join('\n'),
    );
  });

  it('breaks long lists over lines and writes classes by name', () => {
    class ResNet {}
    const text = formatConfig({ pipeline: Array.from({ length: 4 }, (_, index) => ({ type: ResNet, index, padding: 'x'.repeat(20) })) });
    expect(text.split('\n')[1]).toBe('  pipeline: [');
    expect(text).toContain("    { type: 'ResNet', index: 0, padding: 'xxxxxxxxxxxxxxxxxxxx' },");
  });

  it('writes JSON and names keys JSON cannot hold', () => {
    expect(formatConfigAsJson({ a: [1, { b: null }] })).toBe('{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}\n');
    expect(() => formatConfigAsJson({ a: { b: Number.NaN } }, 'x.json')).toThrow('Cannot write NaN at "a.b" to JSON');
    expect(() => formatConfigAsJson({ a: undefined })).toThrow('Cannot write undefined at "a" to JSON');
  });
});
