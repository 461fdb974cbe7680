/**
 * How many argument bytes follow each pickle opcode: a fixed count, `'line'` (up to a newline),
 * `'lines2'` (two lines), or a length prefix of 1, 4 or 8 bytes (`'length1'`...) before the data.
 */
type ArgumentKind = number | 'line' | 'lines2' | 'length1' | 'length4' | 'length8';

const ARGUMENTS = new Map<number, ArgumentKind>();
const define = (kind: ArgumentKind, opcodes: string | number[]) => {
  for (const opcode of typeof opcodes === 'string' ? [...opcodes].map((char) => char.charCodeAt(0)) : opcodes) ARGUMENTS.set(opcode, kind);
};
define(0, '(.012N})tldaesuRbQo]');
define(0, [0x88, 0x89, 0x8f, 0x85, 0x86, 0x87, 0x91, 0x90, 0x94, 0x93, 0x81, 0x92, 0x97, 0x98]);
define(1, 'Kqh');
define(1, [0x80, 0x82]);
define(2, 'M');
define(2, [0x83]);
define(4, 'Jrj');
define(4, [0x84]);
define(8, 'G');
define(8, [0x95]);
define('line', 'ILFSVpgP');
define('lines2', 'ci');
define('length1', 'UC');
define('length1', [0x8c, 0x8a]);
define('length4', 'TBX');
define('length4', [0x8b]);
define('length8', [0x8d, 0x8e, 0x96]);

const SHORT_BINSTRING = 0x55;
const BINSTRING = 0x54;
const BINUNICODE = 0x58;
const STOP = 0x2e;

/**
 * Gives a Python 2 pickle the meaning Python 3 gives it with `pickle.load(file, encoding='latin1')`:
 * every byte string (the SHORT_BINSTRING and BINSTRING opcodes of protocols 1-2, which Python 2
 * wrote for `str`, such as the pixel data of the CIFAR batches) is rewritten as a text string whose
 * characters are the bytes (BINUNICODE of the latin-1 decoding). Other opcodes are copied as they
 * are. Returns the input itself when there is nothing to rewrite.
 */
export function latin1Strings(bytes: Uint8Array, source: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let copiedUpTo = 0;
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message} (at byte ${position})`);
  };
  const lineEnd = (from: number) => {
    const end = bytes.indexOf(0x0a, from);
    if (end < 0) fail('unterminated text line');
    return end + 1;
  };
  while (position < bytes.length) {
    const opcode = bytes[position] as number;
    const kind = ARGUMENTS.get(opcode);
    if (kind === undefined) fail(`unknown pickle opcode 0x${opcode.toString(16)}`);
    const start = position + 1;
    let end: number;
    if (typeof kind === 'number') end = start + kind;
    else if (kind === 'line') end = lineEnd(start);
    else if (kind === 'lines2') end = lineEnd(lineEnd(start));
    else {
      const prefix = kind === 'length1' ? 1 : kind === 'length4' ? 4 : 8;
      if (start + prefix > bytes.length) fail('unexpected end of data');
      const length = prefix === 1 ? (bytes[start] as number) : prefix === 4 ? view.getUint32(start, true) : Number(view.getBigUint64(start, true));
      end = start + prefix + length;
      if (end > bytes.length) fail('unexpected end of data');
      if (opcode === SHORT_BINSTRING || opcode === BINSTRING) {
        const text = Buffer.from(bytes.buffer, bytes.byteOffset + start + prefix, length).toString('latin1');
        const utf8 = Buffer.from(text, 'utf8');
        const header = new Uint8Array(5);
        header[0] = BINUNICODE;
        new DataView(header.buffer).setUint32(1, utf8.length, true);
        parts.push(bytes.subarray(copiedUpTo, position), header, utf8);
        copiedUpTo = end;
      }
    }
    if (end > bytes.length) fail('unexpected end of data');
    position = end;
    if (opcode === STOP) break;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(copiedUpTo));
  return Buffer.concat(parts);
}
