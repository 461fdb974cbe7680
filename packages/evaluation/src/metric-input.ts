import { Tensor } from '@mmpt/tensor';

/** A 1-D input of a metric: a tensor, a list of numbers or a typed array. */
export type VectorInput = Tensor | ArrayLike<number>;

/** A 2-D input of a metric, `(N, C)`: a 2-D tensor, or a list of rows of equal length. */
export type MatrixInput = Tensor | readonly (ArrayLike<number> | Tensor)[];

/** A row-major matrix of host values. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Whether an input is 2-D: a tensor of rank 2 or a list whose items are rows. */
export function isMatrixInput(value: VectorInput | MatrixInput): value is MatrixInput {
  if (value instanceof Tensor) return value.rank === 2;
  if (!Array.isArray(value) || value.length === 0) return false;
  const first: unknown = value[0];
  return first instanceof Tensor || Array.isArray(first) || ArrayBuffer.isView(first);
}

/**
 * The values of a 1-D input as a new Float64Array. `where` names the calling function and
 * `argument` the argument, for errors.
 */
export function toVector(value: unknown, where: string, argument: string): Float64Array {
  if (value instanceof Tensor) {
    if (value.rank > 1) {
      throw new RangeError(`${where}: ${argument} must be 1-D, got a tensor of shape [${value.shape.join(', ')}]`);
    }
    return Float64Array.from(value.dataSync());
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Float64Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    const result = new Float64Array(value.length);
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'number') {
        throw new TypeError(`${where}: ${argument} must be a list of numbers, got ${describeValue(item)} at index ${index}`);
      }
      result[index] = item;
    });
    return result;
  }
  throw new TypeError(`${where}: ${argument} must be a Tensor, a list or a typed array of numbers, got ${describeValue(value)}`);
}

/** The values of a 2-D input `(N, C)` as a row-major matrix. */
export function toMatrix(value: unknown, where: string, argument: string): Matrix {
  if (value instanceof Tensor) {
    if (value.rank !== 2) {
      throw new RangeError(`${where}: ${argument} must be 2-D (N, C), got a tensor of shape [${value.shape.join(', ')}]`);
    }
    return { rows: value.shape[0] as number, cols: value.shape[1] as number, data: Float64Array.from(value.dataSync()) };
  }
  if (!Array.isArray(value)) {
    throw new TypeError(`${where}: ${argument} must be a 2-D Tensor or a list of rows, got ${describeValue(value)}`);
  }
  const rows = value.map((row: unknown, index) => toVector(row, where, `${argument}[${index}]`));
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, index) => {
    if (row.length !== cols) {
      throw new RangeError(`${where}: the rows of ${argument} must have the same length, row 0 has ${cols} values and row ${index} has ${row.length}`);
    }
    data.set(row, index * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Rounds every value to float32, as `torch.tensor(values)` and a float32 tensor store them. */
export function roundToFloat32(values: Float64Array): Float64Array {
  for (let index = 0; index < values.length; index++) values[index] = Math.fround(values[index] as number);
  return values;
}

/** Checks that every value is an integer (a class index) and returns the values. */
export function checkIntegers(values: Float64Array, where: string, argument: string): Float64Array {
  values.forEach((item, index) => {
    if (!Number.isInteger(item)) {
      throw new RangeError(`${where}: ${argument} must hold integer labels, got ${item} at index ${index}`);
    }
  });
  return values;
}

/** Checks that class indices lie in `[0, numClasses)`. */
export function checkClassIndices(values: ArrayLike<number>, numClasses: number, where: string, argument: string): void {
  for (let index = 0; index < values.length; index++) {
    const item = values[index] as number;
    if (!Number.isInteger(item) || item < 0 || item >= numClasses) {
      throw new RangeError(
        `${where}: ${argument} holds the label ${item} at index ${index}, outside [0, ${numClasses}) for num_classes ${numClasses}`,
      );
    }
  }
}

/** A short description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  if (typeof value === 'string') return `the string "${value}"`;
  if (Array.isArray(value)) return `a list of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Checks that predictions and targets have the same, non-zero, number of samples. */
export function checkSameSize(predSize: number, targetSize: number, where: string): void {
  if (predSize !== targetSize) {
    throw new RangeError(`${where}: the size of pred (${predSize}) doesn't match the target (${targetSize})`);
  }
  if (predSize === 0) throw new RangeError(`${where}: pred and target are empty`);
}

/** Checks a `num_classes` option: a positive integer or `null`. */
export function checkNumClasses(value: number | null, where: string): number | null {
  if (value !== null && (!Number.isInteger(value) || value <= 0)) {
    throw new RangeError(`${where}: num_classes must be a positive integer, got ${value}`);
  }
  return value;
}
