import type { DType, TypedArray } from '../core/dtype';
import { sizeOf } from '../core/shape';
import { type HostStateDict, type HostTensor, halfToFloat } from './host-tensor';

/** The safetensors dtypes this reader converts, and to what. */
const READ_DTYPES: Record<string, { bytes: number; dtype: DType }> = {
  F32: { bytes: 4, dtype: 'float32' },
  F16: { bytes: 2, dtype: 'float32' },
  BF16: { bytes: 2, dtype: 'float32' },
  F64: { bytes: 8, dtype: 'float32' },
  I32: { bytes: 4, dtype: 'int32' },
  I64: { bytes: 8, dtype: 'int32' },
  I16: { bytes: 2, dtype: 'int32' },
  I8: { bytes: 1, dtype: 'int32' },
  U8: { bytes: 1, dtype: 'int32' },
  BOOL: { bytes: 1, dtype: 'bool' },
};

/** A safetensors file read into memory: its tensors in file order and its string metadata. */
export interface SafetensorsContent {
  tensors: HostStateDict;
  metadata: Record<string, string>;
}

/**
 * Reads a safetensors file (8-byte little-endian header size, JSON header, raw little-endian data).
 * float16/bfloat16/float64 become float32 and int64 becomes int32 (an error if a value does not fit).
 *
 * @example
 * const { tensors, metadata } = readSafetensors(readFileSync('epoch_10.safetensors'));
 */
export function readSafetensors(bytes: Uint8Array, source = 'safetensors data'): SafetensorsContent {
  if (bytes.length < 8) throw new Error(`${source}: too short to be a safetensors file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = Number(view.getBigUint64(0, true));
  if (headerSize > bytes.length - 8) throw new Error(`${source}: the header size ${headerSize} exceeds the file size`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerSize))) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${source}: the header is not valid JSON (${(error as Error).message})`);
  }
  const dataStart = 8 + headerSize;
  const tensors: HostStateDict = new Map();
  const entries = Object.entries(header).filter(([name]) => name !== '__metadata__');
  entries.sort((a, b) => offsetsOf(a[1], a[0], source)[0] - offsetsOf(b[1], b[0], source)[0]);
  for (const [name, entry] of entries) {
    const { dtype: fileDtype, shape } = entry as { dtype: string; shape: number[] };
    const [begin, end] = offsetsOf(entry, name, source);
    const spec = READ_DTYPES[fileDtype];
    if (!spec) throw new Error(`${source}: tensor "${name}" has the unsupported dtype ${fileDtype}`);
    const count = sizeOf(shape);
    if (end - begin !== count * spec.bytes || dataStart + end > bytes.length) {
      throw new Error(`${source}: tensor "${name}" (${fileDtype} [${shape.join(', ')}]) has a data range [${begin}, ${end}) that does not fit`);
    }
    tensors.set(name, { dtype: spec.dtype, shape: [...shape], data: decode(bytes, dataStart + begin, count, fileDtype, name, source) });
  }
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  return { tensors, metadata };
}

function offsetsOf(entry: unknown, name: string, source: string): [number, number] {
  const offsets = (entry as { data_offsets?: unknown }).data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2) throw new Error(`${source}: tensor "${name}" has no data_offsets`);
  return offsets as [number, number];
}

function decode(bytes: Uint8Array, start: number, count: number, dtype: string, name: string, source: string): TypedArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getFloat32(index * 4, true);
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let index = 0; index < count; index++) out[index] = halfToFloat(view.getUint16(index * 2, true));
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const word = new Uint32Array(1);
      const asFloat = new Float32Array(word.buffer);
      for (let index = 0; index < count; index++) {
        word[0] = view.getUint16(index * 2, true) << 16;
        out[index] = asFloat[0] as number;
      }
      return out;
    }
    case 'F64': {
      const out = new Float32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getFloat64(index * 8, true);
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let index = 0; index < count; index++) {
        const value = view.getBigInt64(index * 8, true);
        if (value > 2147483647n || value < -2147483648n) throw new Error(`${source}: tensor "${name}" holds the int64 value ${value}, which does not fit int32`);
        out[index] = Number(value);
      }
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getInt32(index * 4, true);
      return out;
    }
    case 'I16': {
      const out = new Int32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getInt16(index * 2, true);
      return out;
    }
    case 'I8': {
      const out = new Int32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getInt8(index);
      return out;
    }
    case 'U8': {
      const out = new Int32Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getUint8(index);
      return out;
    }
    default: {
      const out = new Uint8Array(count);
      for (let index = 0; index < count; index++) out[index] = view.getUint8(index) ? 1 : 0;
      return out;
    }
  }
}

const WRITE_DTYPES: Record<string, { code: string; bytes: number }> = {
  float32: { code: 'F32', bytes: 4 },
  float16: { code: 'F32', bytes: 4 },
  int32: { code: 'I32', bytes: 4 },
  bool: { code: 'BOOL', bytes: 1 },
};

/**
 * Writes host tensors (in the given order) and string metadata as a safetensors file.
 *
 * @example
 * writeFileSync('model.safetensors', writeSafetensors(stateDict, { format: 'pt' }));
 */
export function writeSafetensors(tensors: ReadonlyMap<string, HostTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const layout: Array<{ tensor: HostTensor; offset: number; bytes: number }> = [];
  for (const [name, tensor] of tensors) {
    const spec = WRITE_DTYPES[tensor.dtype];
    if (!spec) throw new Error(`writeSafetensors: tensor "${name}" has the unsupported dtype ${tensor.dtype}`);
    const bytes = tensor.data.length * spec.bytes;
    header[name] = { dtype: spec.code, shape: tensor.shape, data_offsets: [offset, offset + bytes] };
    layout.push({ tensor, offset, bytes });
    offset += bytes;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padding = (8 - (headerBytes.length % 8)) % 8;
  if (padding > 0) headerBytes = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padding));
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  const dataStart = 8 + headerBytes.length;
  for (const { tensor, offset: start } of layout) {
    const base = dataStart + start;
    if (tensor.dtype === 'bool') out.set(tensor.data as Uint8Array, base);
    else if (tensor.dtype === 'int32') for (let index = 0; index < tensor.data.length; index++) view.setInt32(base + index * 4, tensor.data[index] as number, true);
    else for (let index = 0; index < tensor.data.length; index++) view.setFloat32(base + index * 4, tensor.data[index] as number, true);
  }
  return out;
}
