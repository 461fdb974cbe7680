/**
 * A list of JSON-serialisable records packed into one byte buffer with an offset table, as
 * MMEngine's `serialize_data`: compact, and shareable between worker threads without a copy when
 * the buffers are SharedArrayBuffers.
 */
export class SerializedList<T> {
  readonly #bytes: Uint8Array;
  readonly #offsets: Float64Array;
  readonly #decoder = new TextDecoder();

  private constructor(bytes: Uint8Array, offsets: Float64Array) {
    this.#bytes = bytes;
    this.#offsets = offsets;
  }

  /** Packs records into shared memory. */
  static from<T>(records: readonly T[]): SerializedList<T> {
    const encoder = new TextEncoder();
    const encoded = records.map((record) => encoder.encode(JSON.stringify(record)));
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
    return new SerializedList<T>(bytes, offsets);
  }

  /** Rebuilds a list from the buffers of {@link SerializedList.buffers} (in a worker thread). */
  static fromBuffers<T>(buffers: { bytes: Uint8Array; offsets: Float64Array }): SerializedList<T> {
    return new SerializedList<T>(buffers.bytes, buffers.offsets);
  }

  /** The underlying buffers, to post to a worker (shared, not copied). */
  get buffers(): { bytes: Uint8Array; offsets: Float64Array } {
    return { bytes: this.#bytes, offsets: this.#offsets };
  }

  get length(): number {
    return this.#offsets.length - 1;
  }

  /** Bytes held. */
  get byteLength(): number {
    return this.#bytes.byteLength + this.#offsets.byteLength;
  }

  /** A fresh copy of record `index`. */
  get(index: number): T {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`index ${index} is out of range for ${this.length} records`);
    const start = this.#offsets[index] as number;
    const end = this.#offsets[index + 1] as number;
    return JSON.parse(this.#decoder.decode(this.#bytes.slice(start, end))) as T;
  }
}
