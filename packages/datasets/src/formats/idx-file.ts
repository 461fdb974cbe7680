import { DatasetError } from '../dataset-error';
import { readMaybeGzipped } from './read-binary';

/** The values of an IDX file (the format of MNIST and Fashion-MNIST), row-major. */
export interface IdxArray {
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { name: string; size: number }> = {
  0x08: { name: 'unsigned byte', size: 1 },
  0x09: { name: 'signed byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
};

/**
 * Parses an IDX file: a magic number (two zero bytes, the value type, the number of dimensions),
 * the dimensions as big-endian 32-bit integers, then the values, big-endian.
 *
 * @example
 * parseIdx(bytes, 'train-labels-idx1-ubyte') // { shape: [60000], data: Uint8Array }
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  const fail = (message: string): never => {
    throw new DatasetError(`${source}: ${message}`, source);
  };
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) fail('not an IDX file (the magic number does not start with two zero bytes)');
  const typeCode = bytes[2] as number;
  const type = TYPES[typeCode] ?? fail(`unknown IDX value type 0x${typeCode.toString(16)}`);
  const rank = bytes[3] as number;
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) fail(`truncated header: ${rank} dimensions need ${headerSize} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, axis) => view.getUint32(4 + 4 * axis, false));
  const count = shape.reduce((product, length) => product * length, 1);
  const expected = headerSize + count * type.size;
  if (bytes.length !== expected) fail(`the header announces ${shape.join('x')} ${type.name} values (${expected} bytes), the file has ${bytes.length} bytes`);
  const read = (index: number): number => {
    const offset = headerSize + index * type.size;
    switch (typeCode) {
      case 0x0b:
        return view.getInt16(offset, false);
      case 0x0c:
        return view.getInt32(offset, false);
      case 0x0d:
        return view.getFloat32(offset, false);
      default:
        return view.getFloat64(offset, false);
    }
  };
  switch (typeCode) {
    case 0x08:
      return { shape, data: new Uint8Array(bytes.subarray(headerSize)) };
    case 0x09:
      return { shape, data: new Int8Array(new Uint8Array(bytes.subarray(headerSize)).buffer) };
    case 0x0b:
      return { shape, data: Int16Array.from({ length: count }, (_, index) => read(index)) };
    case 0x0c:
      return { shape, data: Int32Array.from({ length: count }, (_, index) => read(index)) };
    case 0x0d:
      return { shape, data: Float32Array.from({ length: count }, (_, index) => read(index)) };
    default:
      return { shape, data: Float64Array.from({ length: count }, (_, index) => read(index)) };
  }
}

/** Reads an IDX file, gzipped or not. */
export function readIdxFile(path: string): IdxArray {
  return parseIdx(readMaybeGzipped(path), path);
}
