import { describe, expect, it } from 'vitest';
import { parseXml } from './xml-elements';

describe('parseXml', () => {
  it('parses elements, text, entities and comments, and gives the line of an error', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c -->\n<a x="1"><b>1 &amp; 2</b><c/><![CDATA[<raw>]]></a>');
    expect(root.name).toBe('a');
    expect(root.children.map((child) => [child.name, child.text])).toEqual([
      ['b', '1 & 2'],
      ['c', ''],
    ]);
    expect(root.text).toBe('<raw>');
    expect(() => parseXml('<a>\n<b>\n</a>')).toThrow(expect.objectContaining({ line: 3, message: 'closing tag </a> does not match <b>' }));
  });
});
