import type { Backend, BackendBuffer } from './backend';
import { type DType, bytesPerElement } from './dtype';

/**
 * Reference-counted backend memory shared by tensor handles (a reshape shares its input's
 * storage). The buffer is freed when the last handle lets go.
 */
export class Storage {
  #refs = 1;
  readonly byteLength: number;

  constructor(
    readonly backend: Backend,
    readonly buffer: BackendBuffer,
    readonly dtype: DType,
    readonly size: number,
  ) {
    this.byteLength = size * bytesPerElement(dtype);
    liveStorages.add(this);
  }

  /** Whether the buffer has been freed. */
  get freed(): boolean {
    return this.#refs === 0;
  }

  /** One more handle uses this storage. */
  retain(): this {
    if (this.#refs === 0) throw new Error('Internal error: retaining freed storage');
    this.#refs++;
    return this;
  }

  /** A handle lets go; the last one frees the buffer. */
  release(): void {
    if (this.#refs === 0) return;
    this.#refs--;
    if (this.#refs === 0) {
      liveStorages.delete(this);
      this.backend.free(this.buffer);
    }
  }
}

/** Every storage not yet freed, for the memory report. */
export const liveStorages = new Set<Storage>();
