import type { Backend } from '../core/backend';
import { type DType, type TypedArray, hostArray } from '../core/dtype';
import { getDefaultBackend } from '../core/engine';
import { allocateTensor, runKernel1 } from '../core/run-kernel';
import { type Shape, checkShape, formatShape, sizeOf } from '../core/shape';
import type { Tensor } from '../core/tensor';

/** Where and how a new tensor is created. */
export interface CreationOptions {
  /** The dtype; float32 unless the data says otherwise (an Int32Array, booleans). */
  dtype?: DType;
  /** The backend; the default backend when absent. */
  backend?: Backend;
  /** Make the tensor a leaf that records gradients. */
  requiresGrad?: boolean;
}

/** Nested arrays of numbers or booleans. */
export type NestedInput = number | boolean | readonly NestedInput[];

/**
 * A tensor from host data: a number, nested arrays, or a typed array with a shape.
 *
 * @example
 * tensor([[1, 2], [3, 4]]); // float32 [2, 2]
 * tensor(new Int32Array([1, 2, 3]), { shape: [3] });
 * tensor([true, false]); // bool
 */
export function tensor(data: NestedInput | TypedArray, options: CreationOptions & { shape?: Shape } = {}): Tensor {
  let values: ArrayLike<number>;
  let shape: number[];
  let inferred: DType = 'float32';
  if (ArrayBuffer.isView(data)) {
    values = data as TypedArray;
    shape = options.shape ? [...options.shape] : [values.length];
    if (data instanceof Int32Array) inferred = 'int32';
    else if (data instanceof Uint8Array) inferred = 'bool';
  } else {
    shape = inferShape(data);
    const flat: number[] = [];
    let booleans = 0;
    flatten(data, flat, () => booleans++);
    if (booleans > 0 && booleans === flat.length) inferred = 'bool';
    values = flat;
    if (options.shape) {
      if (sizeOf(options.shape) !== flat.length) {
        throw new RangeError(`tensor: ${flat.length} values do not fit the shape ${formatShape(options.shape)}`);
      }
      shape = [...options.shape];
    }
  }
  checkShape(shape, 'tensor');
  if (sizeOf(shape) !== values.length) {
    throw new RangeError(`tensor: ${values.length} values do not fit the shape ${formatShape(shape)}`);
  }
  const dtype = options.dtype ?? inferred;
  const host = hostArray(dtype === 'float16' ? 'float32' : dtype, values.length);
  if (dtype === 'bool') for (let index = 0; index < values.length; index++) host[index] = values[index] ? 1 : 0;
  else if (dtype === 'int32') for (let index = 0; index < values.length; index++) host[index] = Math.trunc(values[index] as number);
  else host.set(values);
  return fromHost(host, shape, dtype, options);
}

/** @internal A tensor holding a host array (copied to the backend). */
export function fromHost(host: TypedArray, shape: Shape, dtype: DType, options: CreationOptions = {}): Tensor {
  const backend = options.backend ?? getDefaultBackend();
  const result = allocateTensor(backend, shape, dtype);
  if (result.size > 0) backend.write(result.storage.buffer, dtype, host);
  if (options.requiresGrad) result.requiresGrad = true;
  return result;
}

function inferShape(data: NestedInput): number[] {
  const shape: number[] = [];
  let level: NestedInput = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0] as NestedInput;
    if (level === undefined) break;
  }
  return shape;
}

function flatten(data: NestedInput, into: number[], onBoolean: () => void, depth = 0, shape = inferShape(data)): void {
  if (Array.isArray(data)) {
    if (data.length !== shape[depth]) throw new RangeError('tensor: nested arrays have ragged lengths');
    for (const item of data) flatten(item, into, onBoolean, depth + 1, shape);
    return;
  }
  if (depth !== shape.length) throw new RangeError('tensor: nested arrays have ragged depths');
  if (typeof data === 'boolean') {
    onBoolean();
    into.push(data ? 1 : 0);
  } else into.push(data as number);
}

/** A tensor filled with one value. */
export function full(shape: Shape, value: number, options: CreationOptions = {}): Tensor {
  checkShape(shape, 'full');
  const dtype = options.dtype ?? 'float32';
  const backend = options.backend ?? getDefaultBackend();
  const result = runKernel1('fill', [], { shape, dtype }, { value: dtype === 'bool' ? (value ? 1 : 0) : value }, backend);
  if (options.requiresGrad) result.requiresGrad = true;
  return result;
}

/** A tensor of zeros. */
export function zeros(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** A tensor like `like` (shape, dtype, backend) filled with `value`. */
export function fullLike(like: Tensor, value: number, options: CreationOptions = {}): Tensor {
  return full(like.shape, value, { dtype: like.dtype, backend: like.backend, ...options });
}

/** Zeros with the shape, dtype and backend of `like`. */
export function zerosLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return fullLike(like, 0, options);
}

/** Ones with the shape, dtype and backend of `like`. */
export function onesLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return fullLike(like, 1, options);
}

/** An uninitialised tensor (contents undefined). */
export function empty(shape: Shape, options: CreationOptions = {}): Tensor {
  return allocateTensor(options.backend ?? getDefaultBackend(), shape, options.dtype ?? 'float32');
}

/**
 * Values from `start` (inclusive) to `end` (exclusive) by `step`, as `torch.arange`; with one
 * argument, from 0 to it. int32 when all arguments are integers, else float32.
 */
export function arange(start: number, end?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0) throw new RangeError('arange: step must not be zero');
  const length = Math.max(0, Math.ceil((to - from) / step));
  const integral = [from, to, step].every(Number.isInteger);
  const dtype = options.dtype ?? (integral ? 'int32' : 'float32');
  const host = hostArray(dtype, length);
  for (let index = 0; index < length; index++) host[index] = from + index * step;
  return fromHost(host, [length], dtype, options);
}

/** `n` by `m` identity matrix (ones on the diagonal). */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  const dtype = options.dtype ?? 'float32';
  const host = hostArray(dtype, n * m);
  for (let index = 0; index < Math.min(n, m); index++) host[index * m + index] = 1;
  return fromHost(host, [n, m], dtype, options);
}

/** `steps` values evenly spaced from `start` to `end`, both included, as `torch.linspace`. */
export function linspace(start: number, end: number, steps: number, options: CreationOptions = {}): Tensor {
  const host = new Float32Array(steps);
  for (let index = 0; index < steps; index++) {
    host[index] = steps === 1 ? start : start + ((end - start) * index) / (steps - 1);
  }
  return fromHost(host, [steps], 'float32', options);
}

/** A scalar (rank-0) tensor on the backend of `like`, with the given dtype. */
export function scalarLike(like: Tensor, value: number, dtype: DType = like.dtype): Tensor {
  const host = hostArray(dtype === 'float16' ? 'float32' : dtype, 1);
  host[0] = dtype === 'bool' ? (value ? 1 : 0) : value;
  return fromHost(host, [], dtype, { backend: like.backend });
}
