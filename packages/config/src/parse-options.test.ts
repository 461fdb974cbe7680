import { describe, expect, it } from 'vitest';
import { parseCfgOptions, parseOptionValue } from './parse-options';

describe('parseCfgOptions (MMEngine DictAction)', () => {
  it('parses ints, floats, booleans, None and plain strings', () => {
    expect(parseCfgOptions(['item2.a=1', 'item2.b=0.1', 'item2.c=x', 'item3=false'])).toEqual({
      'item2.a': 1,
      'item2.b': 0.1,
      'item2.c': 'x',
      item3: false,
    });
    expect(parseCfgOptions(['a=None', 'b=null', 'c=TRUE', 'd=-3', 'e=1e-4', 'f=.5', 'g=inf', 'h=0x10'])).toEqual({
      a: null,
      b: null,
      c: true,
      d: -3,
      e: 1e-4,
      f: 0.5,
      g: Infinity,
      h: '0x10',
    });
  });

  it('parses lists and tuples, nested and comma-separated', () => {
    expect(parseCfgOptions(['item2.a=a,b', 'item2.b=[(a,b), [1,2], false]'])).toEqual({
      'item2.a': ['a', 'b'],
      'item2.b': [['a', 'b'], [1, 2], false],
    });
    expect(parseCfgOptions(['item2.a=[[1]]'])).toEqual({ 'item2.a': [[1]] });
    expect(parseCfgOptions(['a=[]', 'b=()', 'c=[1,2,]', 'd=(224, 224)'])).toEqual({ a: [], b: [], c: [1, 2], d: [224, 224] });
  });

  it('keeps quoted text as written', () => {
    expect(parseCfgOptions(["a='str'", 'b="1"', "c='with space, and comma'", "d=['x y', 2]"])).toEqual({
      a: 'str',
      b: '1',
      c: 'with space, and comma',
      d: ['x y', 2],
    });
  });

  it('splits at the first equals sign only', () => {
    expect(parseCfgOptions(['a.b=x=y'])).toEqual({ 'a.b': 'x=y' });
  });

  it('names a malformed override', () => {
    expect(() => parseCfgOptions(['model.depth'])).toThrow(
      'Invalid override "model.depth": expected key=value, such as model.backbone.depth=101.',
    );
    expect(() => parseCfgOptions(['=3'])).toThrow(/expected key=value/);
    expect(() => parseCfgOptions(['a..b=3'])).toThrow('Invalid override key "a..b" in "a..b=3"');
    expect(() => parseCfgOptions(['a=[1,2'])).toThrow('Unbalanced brackets in the override "a=[1,2".');
    expect(() => parseOptionValue("['a,1]")).toThrow(/Unbalanced quotes/);
  });
});
