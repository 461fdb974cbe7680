import { unzipSync } from 'fflate';
import type { DType, TypedArray } from '../core/dtype';
import { sizeOf } from '../core/shape';
import { type HostStateDict, type HostTensor, halfToFloat } from './host-tensor';
import { type AllowedGlobals, PickleTuple, RejectedGlobal, RejectedObject, unpickle } from './restricted-unpickler';

const STORAGE_TYPES: Record<string, { bytes: number; dtype: DType; kind: string }> = {
  FloatStorage: { bytes: 4, dtype: 'float32', kind: 'f32' },
  HalfStorage: { bytes: 2, dtype: 'float32', kind: 'f16' },
  BFloat16Storage: { bytes: 2, dtype: 'float32', kind: 'bf16' },
  DoubleStorage: { bytes: 8, dtype: 'float32', kind: 'f64' },
  LongStorage: { bytes: 8, dtype: 'int32', kind: 'i64' },
  IntStorage: { bytes: 4, dtype: 'int32', kind: 'i32' },
  ShortStorage: { bytes: 2, dtype: 'int32', kind: 'i16' },
  CharStorage: { bytes: 1, dtype: 'int32', kind: 'i8' },
  ByteStorage: { bytes: 1, dtype: 'int32', kind: 'u8' },
  BoolStorage: { bytes: 1, dtype: 'bool', kind: 'bool' },
};

/** A storage of a `.pth` file: its raw bytes and element type. */
interface PthStorage {
  type: (typeof STORAGE_TYPES)[string];
  bytes: Uint8Array;
  key: string;
}

/**
 * Reads a PyTorch `.pth` file (the zip + pickle format of `torch.save`, which MMPretrain's model
 * zoo publishes) without executing anything: only tensors, containers, strings and numbers are
 * rebuilt; any other Python object (numpy scalars, mmengine objects in a checkpoint's `meta`)
 * becomes an inert {@link RejectedObject}. Dicts become Maps, lists arrays, tuples arrays.
 */
export function readPth(bytes: Uint8Array, source = '.pth data'): unknown {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new Error(`${source}: not a zip archive as torch.save writes (${(error as Error).message}); the legacy non-zip format is not supported`);
  }
  const pickleName = Object.keys(files).find((name) => name.endsWith('data.pkl'));
  if (!pickleName) throw new Error(`${source}: the archive has no data.pkl`);
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteOrder = files[`${prefix}byteorder`];
  if (byteOrder && new TextDecoder().decode(byteOrder).trim() !== 'little') throw new Error(`${source}: big-endian files are not supported`);
  const storages = new Map<string, PthStorage>();
  const globals: AllowedGlobals = {
    'collections.OrderedDict': () => new Map(),
    'torch._utils._rebuild_tensor_v2': (storage, offset, size, stride) =>
      rebuildTensor(storage as PthStorage, offset as number, size as number[], stride as number[], source),
    'torch._utils._rebuild_parameter': (data) => data,
  };
  for (const name of Object.keys(STORAGE_TYPES)) globals[`torch.${name}`] = () => name;
  return unpickle(files[pickleName] as Uint8Array, {
    globals,
    source,
    persistentLoad: (id) => {
      if (!Array.isArray(id) || id[0] !== 'storage') throw new Error(`${source}: unknown persistent id`);
      const typeName = (id[1] as { allowedGlobal?: string }).allowedGlobal?.replace(/^torch\./, '');
      const type = typeName ? STORAGE_TYPES[typeName] : undefined;
      if (!type) throw new Error(`${source}: unsupported storage type ${String(id[1])}`);
      const key = String(id[2]);
      const cached = storages.get(key);
      if (cached) return cached;
      const data = files[`${prefix}data/${key}`];
      if (!data) throw new Error(`${source}: storage ${key} is missing from the archive`);
      const storage = { type, bytes: data, key };
      storages.set(key, storage);
      return storage;
    },
  });
}

function rebuildTensor(storage: PthStorage, offset: number, size: number[], stride: number[], source: string): HostTensor {
  const shape = [...size];
  const count = sizeOf(shape);
  const view = new DataView(storage.bytes.buffer, storage.bytes.byteOffset, storage.bytes.byteLength);
  const available = storage.bytes.byteLength / storage.type.bytes;
  const read = readerFor(storage.type.kind, view, source);
  const data: TypedArray = storage.type.dtype === 'int32' ? new Int32Array(count) : storage.type.dtype === 'bool' ? new Uint8Array(count) : new Float32Array(count);
  const counters = new Array<number>(shape.length).fill(0);
  for (let index = 0; index < count; index++) {
    let element = offset;
    for (let axis = 0; axis < shape.length; axis++) element += (counters[axis] as number) * (stride[axis] as number);
    if (element >= available) throw new Error(`${source}: a tensor reads past the end of storage ${storage.key}`);
    data[index] = read(element);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      counters[axis] = (counters[axis] as number) + 1;
      if ((counters[axis] as number) < (shape[axis] as number)) break;
      counters[axis] = 0;
    }
  }
  return { dtype: storage.type.dtype, shape, data };
}

function readerFor(kind: string, view: DataView, source: string): (element: number) => number {
  switch (kind) {
    case 'f32': return (element) => view.getFloat32(element * 4, true);
    case 'f16': return (element) => halfToFloat(view.getUint16(element * 2, true));
    case 'bf16': return (element) => new Float32Array(new Uint32Array([view.getUint16(element * 2, true) << 16]).buffer)[0] as number;
    case 'f64': return (element) => view.getFloat64(element * 8, true);
    case 'i64': return (element) => {
      const value = view.getBigInt64(element * 8, true);
      if (value > 2147483647n || value < -2147483648n) throw new Error(`${source}: the int64 value ${value} does not fit int32`);
      return Number(value);
    };
    case 'i32': return (element) => view.getInt32(element * 4, true);
    case 'i16': return (element) => view.getInt16(element * 2, true);
    case 'i8': return (element) => view.getInt8(element);
    case 'u8': return (element) => view.getUint8(element);
    default: return (element) => (view.getUint8(element) ? 1 : 0);
  }
}

/** Whether a value read from a weight file is a host tensor. */
export function isHostTensor(value: unknown): value is HostTensor {
  return value !== null && typeof value === 'object' && 'shape' in value && 'data' in value && ArrayBuffer.isView((value as HostTensor).data);
}

/**
 * The state dict of a loaded checkpoint: its `state_dict` entry (MMPretrain/MMEngine checkpoints)
 * or the object itself when it is a bare state dict. Non-tensor entries are an error naming them.
 */
export function extractStateDict(checkpoint: unknown, source = 'checkpoint'): HostStateDict {
  let dict = checkpoint;
  if (dict instanceof Map && dict.has('state_dict')) dict = dict.get('state_dict');
  if (!(dict instanceof Map)) {
    throw new Error(`${source}: expected a state dict (or a checkpoint with a "state_dict" key), found ${describeValue(checkpoint)}`);
  }
  const result: HostStateDict = new Map();
  for (const [key, value] of dict) {
    if (!isHostTensor(value)) throw new Error(`${source}: entry "${String(key)}" of the state dict is ${describeValue(value)}, not a tensor`);
    result.set(String(key), value);
  }
  return result;
}

function describeValue(value: unknown): string {
  if (value instanceof RejectedObject) return `an object of the rejected Python class ${value.global.module}.${value.global.name}`;
  if (value instanceof RejectedGlobal) return `the rejected Python global ${value.module}.${value.name}`;
  if (value instanceof Map) return 'a dict without tensors';
  if (value instanceof PickleTuple) return 'a tuple';
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'None' : typeof value;
}
