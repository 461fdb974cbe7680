import { Tensor } from '@mmpt/tensor';

/** What a label can be given as: an int, a list of ints, a typed array or a tensor. */
export type LabelInput = number | readonly number[] | Int32Array | Float32Array | Uint8Array | Tensor;

/** What a score can be given as: a list of numbers, a typed array or a tensor. */
export type ScoreInput = readonly number[] | Int32Array | Float32Array | Uint8Array | Tensor;

/**
 * Converts a label to the 1-D int32 form a {@link DataSample} keeps, as MMPretrain's
 * `format_label`: an int becomes `[int]`, a list or a 1-D typed array or tensor keeps its values, a
 * 0-d tensor becomes one label. Strings, nested lists and non-integer values are rejected.
 *
 * @example
 * formatLabel(3); // Int32Array [3]
 * formatLabel([0, 1, 4]); // Int32Array [0, 1, 4]
 */
export function formatLabel(value: LabelInput, name = 'label'): Int32Array {
  if (typeof value === 'number') {
    checkInteger(value, name, value);
    return Int32Array.of(value);
  }
  const values = hostValues(value, name, 'label');
  const result = new Int32Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const item = values[index] as number;
    checkInteger(item, name, value);
    result[index] = item;
  }
  return result;
}

/**
 * Converts a score to the 1-D float32 form a {@link DataSample} keeps, as MMPretrain's
 * `format_score`: a list, a 1-D typed array or a 1-D tensor of numbers.
 *
 * @example
 * formatScore([0.1, 0.1, 0.6, 0.2]); // Float32Array
 */
export function formatScore(value: ScoreInput, name = 'score'): Float32Array {
  if (typeof value === 'number') {
    throw new TypeError(`${name}: a score is a list, a typed array or a tensor of numbers, got the number ${value}`);
  }
  const values = hostValues(value, name, 'score');
  const result = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const item = values[index];
    if (typeof item !== 'number' || Number.isNaN(item)) {
      throw new TypeError(`${name}: every score must be a number, got ${String(item)} at index ${index}`);
    }
    result[index] = item;
  }
  return result;
}

function hostValues(value: unknown, name: string, what: 'label' | 'score'): ArrayLike<unknown> {
  if (typeof value === 'string') {
    throw new TypeError(
      `${name}: a ${what} must be ${what === 'label' ? 'an int, ' : ''}a list of numbers, a typed array or a Tensor, got the string "${value}"`,
    );
  }
  if (value instanceof Tensor) {
    if (value.rank > 1) throw new RangeError(`${name}: a ${what} tensor must be 0-d or 1-D, got shape [${value.shape.join(', ')}]`);
    return value.dataSync();
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'number') {
        const kind = Array.isArray(item) ? 'a nested list' : typeof item === 'string' ? `the string "${item}"` : typeof item;
        throw new TypeError(`${name}: a ${what} list must hold numbers only, got ${kind}`);
      }
    }
    return value;
  }
  throw new TypeError(`${name}: a ${what} must be ${what === 'label' ? 'an int, ' : ''}a list, a typed array or a Tensor, got ${describe(value)}`);
}

function checkInteger(item: number, name: string, original: unknown): void {
  if (!Number.isInteger(item) || item < -2147483648 || item > 2147483647) {
    throw new RangeError(`${name}: labels must be integers, got ${item} in ${describe(original)}`);
  }
}

function describe(value: unknown): string {
  if (value instanceof Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (Array.isArray(value)) return `[${value.slice(0, 8).join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
