/**
 * The offset of the first JSON syntax error in `text` (where a parser stops), or -1 when the text
 * is valid JSON. Used to give the line of an error, which `JSON.parse` does not always report.
 */
export function jsonErrorOffset(text: string): number {
  let position = 0;
  const fail = (): never => {
    throw position;
  };
  const space = () => {
    while (position < text.length && ' \t\n\r'.includes(text[position] as string)) position++;
  };
  const expect = (char: string) => {
    if (text[position] !== char) fail();
    position++;
  };
  const string = () => {
    expect('"');
    while (position < text.length) {
      const char = text[position] as string;
      if (char === '"') {
        position++;
        return;
      }
      if (char === '\\') {
        const next = text[position + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6))) fail();
          position += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') position += 2;
        else fail();
      } else if (char < ' ') fail();
      else position++;
    }
    fail();
  };
  const value = (): void => {
    space();
    const char = text[position];
    if (char === '{') {
      position++;
      space();
      if (text[position] === '}') {
        position++;
        return;
      }
      while (true) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[position] === ',') position++;
        else return expect('}');
      }
    }
    if (char === '[') {
      position++;
      space();
      if (text[position] === ']') {
        position++;
        return;
      }
      while (true) {
        value();
        space();
        if (text[position] === ',') position++;
        else return expect(']');
      }
    }
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(position, position + 400));
    if (!literal) fail();
    position += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    space();
    if (position < text.length) fail();
    return -1;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}
