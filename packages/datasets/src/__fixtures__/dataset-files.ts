// Writers of tiny dataset files for the tests: IDX files as on the MNIST site, CIFAR batches as
// the official archives hold them (Python 2 protocol-2 pickles and binary records).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** An IDX file of unsigned bytes with the given shape. */
export function idxBytes(shape: number[], values: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((length, axis) => view.setUint32(4 + 4 * axis, length, false));
  return Buffer.concat([header, values]);
}

/** Writes an IDX file, gzipped when the name ends with `.gz`. */
export function writeIdx(path: string, shape: number[], values: Uint8Array): void {
  const bytes = idxBytes(shape, values);
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(bytes) : bytes);
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const uint32LittleEndian = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};
const shortString = (text: string) => Buffer.concat([Buffer.of(0x55, text.length), ascii(text)]);
const smallInt = (value: number) => (value < 256 ? Buffer.of(0x4b, value) : Buffer.concat([Buffer.of(0x4d), Buffer.from(Uint16Array.of(value).buffer)]));

/**
 * A CIFAR batch pickled the way Python 2's cPickle wrote the official files (protocol 2): a dict
 * with `data` (a uint8 numpy array of N x 3072, its bytes a BINSTRING), the labels as a list of
 * ints under `labelsKey`, and `batch_label`.
 */
export function cifarPickle(images: Uint8Array, labels: number[], labelsKey: string): Uint8Array {
  const count = labels.length;
  return Buffer.concat([
    Buffer.of(0x80, 0x02, 0x7d, 0x71, 0x01, 0x28), // PROTO 2, EMPTY_DICT, BINPUT 1, MARK
    shortString('data'),
    ascii('cnumpy.core.multiarray\n_reconstruct\nq\x02cnumpy\nndarray\nq\x03'),
    Buffer.of(0x4b, 0x00, 0x85), // (0,)
    shortString('b'),
    Buffer.of(0x87, 0x52, 0x71, 0x04, 0x28, 0x4b, 0x01), // TUPLE3 REDUCE BINPUT MARK version 1
    smallInt(count),
    smallInt(3072),
    Buffer.of(0x86), // shape tuple
    ascii('cnumpy\ndtype\nq\x05'),
    shortString('u1'),
    Buffer.of(0x4b, 0x00, 0x4b, 0x01, 0x87, 0x52, 0x71, 0x06, 0x28, 0x4b, 0x03), // ('u1', 0, 1) REDUCE, BUILD state (3, ...
    shortString('|'),
    ascii('NNN'),
    Buffer.of(0x4a, 0xff, 0xff, 0xff, 0xff, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4b, 0x00, 0x74, 0x62), // -1, -1, 0) BUILD
    Buffer.of(0x89), // is_fortran False
    Buffer.of(0x54), // BINSTRING
    uint32LittleEndian(images.length),
    images,
    Buffer.of(0x74, 0x62), // TUPLE BUILD
    shortString(labelsKey),
    Buffer.of(0x5d, 0x71, 0x07, 0x28), // EMPTY_LIST BINPUT MARK
    ...labels.map(smallInt),
    Buffer.of(0x65), // APPENDS
    shortString('batch_label'),
    shortString('training batch 1 of 5'),
    Buffer.of(0x75, 0x2e), // SETITEMS STOP
  ]);
}

/** CIFAR binary records: label byte(s) then 3072 pixels (CHW planes), per image. */
export function cifarBinary(images: Uint8Array, labels: number[][]): Uint8Array {
  return Buffer.concat(labels.map((label, index) => Buffer.concat([Buffer.from(label), images.subarray(index * 3072, (index + 1) * 3072)])));
}

/** Pixels of `count` CIFAR images in CHW planes, with values above 127 (latin-1 bytes that UTF-8 would mangle). */
export function cifarPixels(count: number): Uint8Array {
  return Uint8Array.from({ length: count * 3072 }, (_, index) => (index * 37 + 200) % 256);
}

/** A temporary folder holding the given files (text or bytes), created under the OS temp dir. */
export function makeTree(files: Record<string, string | Uint8Array>, prefix = 'mmpt-datasets-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
