import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset';

describe('jsonErrorOffset', () => {
  it('finds the offset of a JSON syntax error', () => {
    expect(jsonErrorOffset('{"a": [1, 2], "b": null}')).toBe(-1);
    expect(jsonErrorOffset('{"a": 1,\n"b": }')).toBe(14);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
  });
});
