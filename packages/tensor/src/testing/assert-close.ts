import type { DType } from '../core/dtype';
import { formatShape } from '../core/shape';
import type { HostTensor } from './host-tensor';
import type { Tolerance } from './tolerances';

/** What a value is checked against: a shape, optionally a dtype, and the values. */
export interface ExpectedTensor {
  readonly shape: readonly number[];
  readonly dtype?: DType | undefined;
  readonly values: ArrayLike<number>;
}

/** Whether `actual` is within tolerance of `expected` (NaN matches NaN, infinities match exactly). */
export function isClose(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tolerance.atol + tolerance.rtol * Math.abs(expected);
}

/** The multi-index of a flat position, for messages: `[1, 0, 2]`. */
export function indexOf(flat: number, shape: readonly number[]): string {
  const index: number[] = [];
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] as number;
    index.unshift(size === 0 ? 0 : rest % size);
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  return `[${index.join(', ')}]`;
}

/**
 * Throws an error describing the worst mismatches when `actual` differs from `expected` in shape,
 * dtype (when given) or values (exactly for int32 and bool, within `tolerance` for floats).
 */
export function assertClose(actual: HostTensor, expected: ExpectedTensor, tolerance: Tolerance, label: string): void {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((size, axis) => size !== expected.shape[axis])) {
    throw new Error(`${label}: shape ${formatShape(actual.shape)}, expected ${formatShape(expected.shape)}`);
  }
  if (expected.dtype !== undefined && actual.dtype !== expected.dtype) {
    throw new Error(`${label}: dtype ${actual.dtype}, expected ${expected.dtype}`);
  }
  if (actual.values.length !== expected.values.length) {
    throw new Error(`${label}: ${actual.values.length} values, expected ${expected.values.length}`);
  }
  const exact = actual.dtype === 'int32' || actual.dtype === 'bool';
  const bound = exact ? { rtol: 0, atol: 0 } : tolerance;
  const failures: string[] = [];
  let count = 0;
  for (let index = 0; index < actual.values.length; index++) {
    const value = actual.values[index] as number;
    const reference = expected.values[index] as number;
    if (isClose(value, reference, bound)) continue;
    count++;
    if (failures.length < 5) {
      failures.push(`at ${indexOf(index, actual.shape)}: ${value} instead of ${reference} (difference ${Math.abs(value - reference).toPrecision(3)})`);
    }
  }
  if (count > 0) {
    const within = exact ? 'exactly' : `within rtol ${tolerance.rtol}, atol ${tolerance.atol}`;
    throw new Error(`${label}: ${count} of ${actual.values.length} values differ (${within}), ${failures.join('; ')}`);
  }
}
