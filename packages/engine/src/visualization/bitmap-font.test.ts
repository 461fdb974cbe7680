import { describe, expect, it } from 'vitest';
import { GLYPH_HEIGHT, GLYPH_WIDTH, fontCharacters, glyphRows } from './bitmap-font';

describe('glyphRows', () => {
  it('has a well-formed glyph for every printable ASCII character', () => {
    const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));
    expect(fontCharacters().sort()).toEqual(printable.sort());
    const patterns = new Set<string>();
    for (const character of printable) {
      const rows = glyphRows(character);
      expect(rows, character).toHaveLength(GLYPH_HEIGHT);
      for (const row of rows) expect(row, character).toHaveLength(GLYPH_WIDTH);
      patterns.add(JSON.stringify(rows));
      // Only the descenders use the last row.
      if (!'gjpqy,;'.includes(character)) expect(rows[GLYPH_HEIGHT - 1]?.some(Boolean), character).toBe(false);
    }
    expect(patterns.size).toBe(95); // no two characters look the same
  });

  it('draws the shapes it names', () => {
    const picture = (character: string) => glyphRows(character).map((row) => row.map((lit) => (lit ? '#' : '.')).join(''));
    expect(picture('T').slice(0, 7)).toEqual(['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..']);
    expect(picture('L').slice(0, 7)).toEqual(['#....', '#....', '#....', '#....', '#....', '#....', '#####']);
    expect(glyphRows(' ').flat().some(Boolean)).toBe(false);
  });

  it('reads a tab as a space and draws a box for other characters', () => {
    expect(glyphRows('\t')).toBe(glyphRows(' '));
    const box = glyphRows('é');
    expect(box[0]).toEqual([true, true, true, true, true]);
    expect(box[3]).toEqual([true, false, false, false, true]);
    expect(glyphRows('猫')).toBe(box);
  });
});
