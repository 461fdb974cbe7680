/** The buffers of a {@link SerializedList}: what a worker thread receives (shared, not copied). */
export interface SerializedBuffers {
  /** The UTF-8 JSON of every record, back to back. */
  bytes: Uint8Array;
  /** Where each record starts in `bytes` (one more entry than records). */
  offsets: Float64Array;
  /** The contents of the typed arrays the records hold (images of in-memory datasets). */
  arena?: Uint8Array;
}

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray;

const TYPED_ARRAYS: Record<string, TypedArrayConstructor> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

/** The key of the JSON object that stands for a typed array stored in the arena. */
const TYPED_KEY = '__typedArray';

interface TypedReference {
  [TYPED_KEY]: string;
  offset: number;
  length: number;
}

/**
 * A list of records packed into one byte buffer with an offset table, as MMEngine's
 * `serialize_data`: compact, and shared between worker threads without a copy (the buffers are
 * SharedArrayBuffers). Records are JSON values; typed arrays inside them (the images of MNIST or
 * CIFAR) are stored as raw bytes in a shared arena, and every `get` returns fresh copies.
 */
export class SerializedList<T> {
  readonly #bytes: Uint8Array;
  readonly #offsets: Float64Array;
  readonly #arena: Uint8Array;
  readonly #decoder = new TextDecoder();

  private constructor(bytes: Uint8Array, offsets: Float64Array, arena: Uint8Array) {
    this.#bytes = bytes;
    this.#offsets = offsets;
    this.#arena = arena;
  }

  /** Packs records into shared memory. */
  static from<T>(records: readonly T[]): SerializedList<T> {
    const encoder = new TextEncoder();
    const arrays: Array<{ array: TypedArray; offset: number }> = [];
    let arenaSize = 0;
    // The holder's original value: a Buffer's toJSON has already run when `value` arrives.
    const replacer = function (this: Record<string, unknown>, key: string, value: unknown): unknown {
      const original = this[key];
      if (!ArrayBuffer.isView(original) || original instanceof DataView) return value;
      const array = original as TypedArray;
      const name = array instanceof Uint8Array ? 'Uint8Array' : array.constructor.name;
      if (!TYPED_ARRAYS[name]) throw new TypeError(`SerializedList: cannot store a ${name} in a data list`);
      const offset = Math.ceil(arenaSize / 8) * 8;
      arenaSize = offset + array.byteLength;
      arrays.push({ array, offset });
      return { [TYPED_KEY]: name, offset, length: array.length } satisfies TypedReference;
    };
    const encoded = records.map((record) => encoder.encode(JSON.stringify(record, replacer)));
    const total = encoded.reduce((sum, item) => sum + item.length, 0);
    const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(total, 1)), 0, total);
    const offsets = new Float64Array(new SharedArrayBuffer(8 * (records.length + 1)));
    let offset = 0;
    encoded.forEach((item, index) => {
      offsets[index] = offset;
      bytes.set(item, offset);
      offset += item.length;
    });
    offsets[records.length] = offset;
    const arena = new Uint8Array(new SharedArrayBuffer(Math.max(arenaSize, 1)), 0, arenaSize);
    for (const { array, offset: start } of arrays) arena.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start);
    return new SerializedList<T>(bytes, offsets, arena);
  }

  /** Rebuilds a list from the buffers of {@link SerializedList.buffers} (in a worker thread). */
  static fromBuffers<T>(buffers: SerializedBuffers): SerializedList<T> {
    return new SerializedList<T>(buffers.bytes, buffers.offsets, buffers.arena ?? new Uint8Array(0));
  }

  /** The underlying buffers, to post to a worker (shared, not copied). */
  get buffers(): SerializedBuffers {
    return { bytes: this.#bytes, offsets: this.#offsets, arena: this.#arena };
  }

  get length(): number {
    return this.#offsets.length - 1;
  }

  /** Bytes held. */
  get byteLength(): number {
    return this.#bytes.byteLength + this.#offsets.byteLength + this.#arena.byteLength;
  }

  /** A fresh copy of record `index` (typed arrays included). */
  get(index: number): T {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`index ${index} is out of range for ${this.length} records`);
    const start = this.#offsets[index] as number;
    const end = this.#offsets[index + 1] as number;
    const value = JSON.parse(this.#decoder.decode(this.#bytes.slice(start, end))) as unknown;
    return (this.#arena.byteLength > 0 ? this.revive(value) : value) as T;
  }

  /** Replaces the arena references of a parsed record by typed arrays (copies). */
  private revive(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = this.revive(value[index]);
      return value;
    }
    const record = value as Record<string, unknown>;
    const name = record[TYPED_KEY];
    if (typeof name === 'string') {
      const reference = record as unknown as TypedReference;
      const Constructor = TYPED_ARRAYS[name] as TypedArrayConstructor;
      // slice() of a view on shared memory returns an array that owns a plain ArrayBuffer.
      return new Constructor(this.#arena.buffer, this.#arena.byteOffset + reference.offset, reference.length).slice();
    }
    for (const key of Object.keys(record)) record[key] = this.revive(record[key]);
    return record;
  }
}
