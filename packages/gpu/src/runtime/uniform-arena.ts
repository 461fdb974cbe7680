import { UNIFORM_USAGE } from './gpu-constants';

/** Bytes of one dispatch's parameters: 64 words, which is also the uniform offset alignment. */
export const PARAMETER_SLOT_BYTES = 256;
/** 32-bit words of one parameter slot. */
export const PARAMETER_WORDS = PARAMETER_SLOT_BYTES / 4;

/**
 * The parameters (shapes, strides, scalars) of the dispatches of one submit, packed into 256-byte
 * slots of one uniform buffer. The host copy is uploaded with one `writeBuffer` just before the
 * submit; the queue orders that write after the previous submit, so one GPU buffer serves every
 * submit.
 */
export class UniformArena {
  #host: ArrayBuffer;
  #words: Uint32Array;
  #buffer: GPUBuffer;
  #used = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly slots: number,
  ) {
    this.#host = new ArrayBuffer(slots * PARAMETER_SLOT_BYTES);
    this.#words = new Uint32Array(this.#host);
    this.#buffer = device.createBuffer({ size: slots * PARAMETER_SLOT_BYTES, usage: UNIFORM_USAGE, label: 'mmpt uniform arena' });
  }

  /** Whether another slot fits before the next upload. */
  get full(): boolean {
    return this.#used >= this.slots;
  }

  /** The GPU buffer the slots live in. */
  get buffer(): GPUBuffer {
    return this.#buffer;
  }

  /** Stores one dispatch's words (u32 bit patterns) and returns the slot's byte offset. */
  push(words: ArrayLike<number>): number {
    if (this.full) throw new Error('Internal error: the uniform arena is full; flush first');
    if (words.length > PARAMETER_WORDS) throw new Error(`Internal error: ${words.length} parameter words exceed the slot of ${PARAMETER_WORDS}`);
    const base = this.#used * PARAMETER_WORDS;
    for (let index = 0; index < words.length; index++) this.#words[base + index] = (words[index] as number) >>> 0;
    this.#used++;
    return base * 4;
  }

  /** Uploads the slots used since the last upload (call right before submitting). */
  upload(): void {
    if (this.#used === 0) return;
    this.device.queue.writeBuffer(this.#buffer, 0, this.#host, 0, this.#used * PARAMETER_SLOT_BYTES);
    this.#used = 0;
  }

  destroy(): void {
    this.#buffer.destroy();
  }
}
