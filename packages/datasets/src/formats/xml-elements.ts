/** An XML element: its name, its child elements and its text (attributes are not kept). */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? match;
  });
}

/** An XML syntax error at a 1-based line. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Parses the elements of an XML document (enough for annotation files such as PASCAL VOC's):
 * elements, text with the standard entities, comments, CDATA, processing instructions and a
 * doctype are understood; attributes are skipped. Returns the root element.
 */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let position = 0;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const fail = (message: string, offset = position): never => {
    throw new XmlSyntaxError(message, lineAt(offset));
  };
  const skipTo = (marker: string, what: string) => {
    const end = text.indexOf(marker, position);
    if (end < 0) fail(`unterminated ${what}`);
    const content = text.slice(position, end);
    position = end + marker.length;
    return content;
  };
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const chunk = open < 0 ? text.slice(position) : text.slice(position, open);
    if (stack.length > 0) (stack[stack.length - 1] as XmlElement).text += decodeEntities(chunk);
    else if (chunk.trim() !== '') fail('text outside the root element');
    if (open < 0) break;
    position = open;
    if (text.startsWith('<!--', position)) {
      position += 4;
      skipTo('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', position)) {
      position += 9;
      const content = skipTo(']]>', 'CDATA section');
      if (stack.length === 0) fail('CDATA outside the root element', open);
      (stack[stack.length - 1] as XmlElement).text += content;
    } else if (text.startsWith('<?', position) || text.startsWith('<!', position)) {
      position += 2;
      skipTo('>', 'declaration');
    } else {
      position += 1;
      const tag = skipTo('>', 'tag');
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim();
        const element = stack.pop();
        if (!element) fail(`closing tag </${name}> without an opening tag`, open);
        else if (element.name !== name) fail(`closing tag </${name}> does not match <${element.name}>`, open);
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const name = /^[^\s/>]+/.exec(tag)?.[0];
      if (!name) fail('an element without a name', open);
      const element: XmlElement = { name: name as string, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('a second root element', open);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length > 0) fail(`<${(stack[stack.length - 1] as XmlElement).name}> is never closed`);
  if (!root) fail('no element');
  return root as XmlElement;
}

/** The first child element named `name`, if any. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
