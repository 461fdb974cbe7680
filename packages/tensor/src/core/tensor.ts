import type { GradNode } from '../autograd/grad-node';
import type { Backend } from './backend';
import { type DType, type TypedArray, isFloating } from './dtype';
import { TENSOR_BRAND, trackTensor, untrackTensor } from './engine';
import { formatValues } from './format-tensor';
import { type Shape, formatShape, sizeOf } from './shape';
import type { Storage } from './storage';

/** Nested arrays of numbers (or booleans), as `t.array()` returns them. */
export type NestedArray = number | boolean | NestedArray[];

let nextTensorId = 1;

/**
 * The core of a tensor handle: shape, dtype, reference-counted storage on a backend, and the
 * autograd fields. Operations are functions (`add(a, b)`) and fluent methods (`a.add(b)`, on
 * {@link Tensor}).
 */
export class TensorBase {
  readonly [TENSOR_BRAND] = true;
  /** A unique id, stable for the life of the handle. */
  readonly id = nextTensorId++;
  readonly shape: Shape;
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  /** Whether operations on this tensor record a graph for `backward()`. */
  requiresGrad = false;
  /** The accumulated gradient, after `backward()`, for a leaf that requires grad. */
  grad: TensorBase | null = null;
  /** The node of the autograd graph that produced this tensor; `null` for leaves. */
  gradFn: GradNode | null = null;
  #storage: Storage;
  #disposed = false;

  /** @internal Use the creation functions (`tensor`, `zeros`, ...) instead. */
  constructor(storage: Storage, shape: Shape, options: { inScope?: boolean } = {}) {
    this.#storage = storage;
    this.shape = Object.freeze([...shape]);
    this.dtype = storage.dtype;
    this.size = sizeOf(shape);
    if (this.size !== storage.size) {
      throw new Error(`Internal error: shape ${formatShape(shape)} does not fit a storage of ${storage.size} elements`);
    }
    trackTensor(this as unknown as Tensor, options.inScope ?? true);
  }

  /** The backend that owns the storage. */
  get backend(): Backend {
    return this.#storage.backend;
  }

  /** The device, as the backend names it: `'cpu'`, `'webgpu:0'`. */
  get device(): string {
    return this.#storage.backend.device;
  }

  /** The number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether this handle has been disposed. */
  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** Whether this tensor is a leaf of the autograd graph (created by the user, not by an op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** @internal The storage, for kernels and views. */
  get storage(): Storage {
    this.assertAlive('storage');
    return this.#storage;
  }

  /** @internal Replaces the storage in place (optimizer updates, `assign`). */
  replaceStorage(storage: Storage): void {
    this.assertAlive('assign');
    if (storage.size !== this.size || storage.dtype !== this.dtype) {
      throw new Error(`assign: expected ${this.size} elements of ${this.dtype}, got ${storage.size} of ${storage.dtype}`);
    }
    storage.retain();
    this.#storage.release();
    this.#storage = storage;
  }

  /** @internal Throws when the handle was disposed. */
  assertAlive(op: string): void {
    if (this.#disposed) throw new Error(`${op}: the tensor (id ${this.id}, shape ${formatShape(this.shape)}) was disposed`);
  }

  /** The values, copied to the host, once pending work is done. */
  async data(): Promise<TypedArray> {
    this.assertAlive('data');
    return this.#storage.backend.read(this.#storage.buffer, this.dtype, this.size);
  }

  /** The values, synchronously: only on backends with synchronous readback (the CPU backend). */
  dataSync(): TypedArray {
    this.assertAlive('dataSync');
    const backend = this.#storage.backend;
    if (!backend.readSync) {
      throw new Error(`dataSync: the ${backend.name} backend reads back asynchronously; use await t.data()`);
    }
    return backend.readSync(this.#storage.buffer, this.dtype, this.size);
  }

  /** The values as nested arrays. */
  async array(): Promise<NestedArray> {
    return nest(await this.data(), this.shape, this.dtype === 'bool');
  }

  /** The values as nested arrays, synchronously (CPU backend). */
  arraySync(): NestedArray {
    return nest(this.dataSync(), this.shape, this.dtype === 'bool');
  }

  /** The value of a one-element tensor, synchronously (CPU backend). */
  item(): number {
    if (this.size !== 1) throw new Error(`item: the tensor has ${this.size} elements, not one`);
    return this.dataSync()[0] as number;
  }

  /** The value of a one-element tensor, on any backend. */
  async itemAsync(): Promise<number> {
    if (this.size !== 1) throw new Error(`itemAsync: the tensor has ${this.size} elements, not one`);
    return (await this.data())[0] as number;
  }

  /**
   * Releases this handle; the storage is freed when no other handle (a reshape, a graph that
   * saved it) uses it. Disposing twice is harmless.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    untrackTensor(this as unknown as Tensor);
    this.#storage.release();
    const node = this.gradFn;
    this.gradFn = null;
    node?.release();
  }

  /** Shape, dtype, device and values (values only where they can be read synchronously). */
  toString(): string {
    const head = `Tensor(shape=${formatShape(this.shape)}, dtype=${this.dtype}, device=${this.device}${this.requiresGrad ? ', requiresGrad' : ''})`;
    if (this.#disposed) return `${head} <disposed>`;
    if (!this.#storage.backend.readSync) return `${head} <values: await t.data()>`;
    return `${head}\n${formatValues(this.dataSync(), this.shape, isFloating(this.dtype), this.dtype === 'bool')}`;
  }
}

function nest(values: TypedArray, shape: Shape, bool: boolean): NestedArray {
  const read = (index: number): number | boolean => (bool ? values[index] !== 0 : (values[index] as number));
  if (shape.length === 0) return read(0);
  const build = (axis: number, offset: number): NestedArray[] => {
    const length = shape[axis] as number;
    const inner = sizeOf(shape.slice(axis + 1));
    const out: NestedArray[] = [];
    for (let index = 0; index < length; index++) {
      out.push(axis === shape.length - 1 ? read(offset + index) : build(axis + 1, offset + index * inner));
    }
    return out;
  };
  return build(0, 0);
}

/** @internal The full tensor class, with fluent methods; defined in `tensor-methods.ts`. */
export type Tensor = import('./tensor-methods').Tensor;
