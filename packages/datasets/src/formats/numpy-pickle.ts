import { unpickle } from '@mmpt/tensor';
import { latin1Strings } from './python2-strings';

/** The values of a numpy array read from a pickle, row-major. */
export class NumpyArray {
  shape: number[] = [];
  /** numpy's type string without byte order, such as `u1` or `i8`. */
  dtype = '';
  data: Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array = new Uint8Array(0);

  /** An array over the bytes of a protocol-5 pickle (numpy's `_frombuffer(buffer, dtype, shape, order)`). */
  static fromBuffer(buffer: unknown, dtype: unknown, shape: unknown, order: unknown): NumpyArray {
    const array = new NumpyArray();
    array.setState([shape, dtype, order === 'F', buffer]);
    return array;
  }

  /** What BUILD passes: `(version, shape, dtype, is_fortran, rawdata)` (the version may be absent). */
  setState(state: unknown): void {
    const items = [...(state as unknown[])];
    if (items.length === 5) items.shift();
    const [shape, dtype, fortran, raw] = items as [unknown[], NumpyDtype, boolean, unknown];
    this.shape = [...shape].map(Number);
    if (!(dtype instanceof NumpyDtype)) throw new Error('numpy array pickle: the dtype is not a numpy.dtype');
    this.dtype = dtype.code;
    if (fortran && this.shape.length > 1) throw new Error('numpy array pickle: Fortran-ordered arrays are not supported');
    const bytes = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw instanceof Uint8Array ? raw : undefined;
    if (!bytes) throw new Error(`numpy array pickle: arrays of Python objects (dtype ${dtype.code}) are not supported`);
    this.data = decodeValues(bytes, dtype);
    const count = this.shape.reduce((product, length) => product * length, 1);
    if (this.data.length !== count) throw new Error(`numpy array pickle: ${this.data.length} values do not fit the shape [${this.shape.join(', ')}]`);
  }
}

/** A numpy dtype read from a pickle: a type code and, after BUILD, a byte order. */
export class NumpyDtype {
  byteOrder = '|';

  constructor(readonly code: string) {}

  /** What BUILD passes: `(version, byte order, ...)`. */
  setState(state: unknown): void {
    const order = (state as unknown[])[1];
    if (typeof order === 'string') this.byteOrder = order;
  }
}

const SIZES: Record<string, number> = { b1: 1, u1: 1, i1: 1, i2: 2, u2: 2, i4: 4, u4: 4, i8: 8, u8: 8, f4: 4, f8: 8 };

function decodeValues(bytes: Uint8Array, dtype: NumpyDtype): NumpyArray['data'] {
  const code = dtype.code.replace(/^[<>|=]/, '');
  const size = SIZES[code];
  if (size === undefined) throw new Error(`numpy array pickle: dtype ${dtype.code} is not supported`);
  // Copies into a plain Uint8Array (the input may be a Buffer, whose slice() is a view).
  if (code === 'u1' || code === 'b1') return new Uint8Array(bytes);
  if (code === 'i1') return new Int8Array(new Uint8Array(bytes).buffer);
  const littleEndian = dtype.byteOrder !== '>' && !dtype.code.startsWith('>');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.length / size);
  const read: (offset: number) => number = {
    i2: (offset: number) => view.getInt16(offset, littleEndian),
    u2: (offset: number) => view.getUint16(offset, littleEndian),
    i4: (offset: number) => view.getInt32(offset, littleEndian),
    u4: (offset: number) => view.getUint32(offset, littleEndian),
    i8: (offset: number) => Number(view.getBigInt64(offset, littleEndian)),
    u8: (offset: number) => Number(view.getBigUint64(offset, littleEndian)),
    f4: (offset: number) => view.getFloat32(offset, littleEndian),
    f8: (offset: number) => view.getFloat64(offset, littleEndian),
  }[code] as (offset: number) => number;
  const values = Array.from({ length: count }, (_, index) => read(index * size));
  switch (code) {
    case 'i2':
      return Int16Array.from(values);
    case 'u2':
      return Uint16Array.from(values);
    case 'i4':
      return Int32Array.from(values);
    case 'u4':
      return Uint32Array.from(values);
    case 'f4':
      return Float32Array.from(values);
    default:
      return Float64Array.from(values);
  }
}

const reconstruct = () => new NumpyArray();

/**
 * Reads a pickle that holds plain Python data and numpy arrays (the CIFAR batches) without
 * executing anything: `@mmpt/tensor`'s restricted unpickler with only numpy's array and dtype
 * constructors (protocols 2-5) and `_codecs.encode` (how protocol 2 writes bytes) allowed. Python 2 byte strings
 * are read as latin-1 text, as `pickle.load(file, encoding='latin1')` does. Dicts become `Map`s,
 * tuples arrays, numpy arrays {@link NumpyArray}s.
 */
export function readNumpyPickle(bytes: Uint8Array, source: string): unknown {
  return unpickle(latin1Strings(bytes, source), {
    source,
    globals: {
      'numpy.core.multiarray._reconstruct': reconstruct,
      'numpy._core.multiarray._reconstruct': reconstruct,
      'numpy.core.numeric._frombuffer': NumpyArray.fromBuffer,
      'numpy._core.numeric._frombuffer': NumpyArray.fromBuffer,
      'numpy.dtype': (code) => new NumpyDtype(String(code)),
      '_codecs.encode': (text, encoding) => {
        if (typeof text !== 'string') throw new Error(`${source}: _codecs.encode expects a string`);
        if (encoding !== 'latin1' && encoding !== 'latin-1') throw new Error(`${source}: _codecs.encode with the encoding ${String(encoding)} is not supported`);
        return new Uint8Array(Buffer.from(text, 'latin1'));
      },
    },
  });
}

/** A pickled dict's entry by key (keys may be text or, from Python 3 pickles of bytes, byte strings). */
export function pickleEntry(dict: unknown, key: string): unknown {
  if (!(dict instanceof Map)) return undefined;
  if (dict.has(key)) return dict.get(key);
  for (const [candidate, value] of dict) {
    if (candidate instanceof Uint8Array && Buffer.from(candidate).toString('latin1') === key) return value;
  }
  return undefined;
}

