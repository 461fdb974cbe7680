import type { Tensor } from '../../../core/tensor';
import { formatShape, shapesEqual } from '../../../core/shape';
import { type FixtureTensor, fixtureValues } from './fixtures';

/** Absolute and relative tolerances: |actual - expected| <= atol + rtol * |expected|. */
export interface Tolerance {
  atol?: number;
  rtol?: number;
}

/**
 * Throws a message naming the first mismatch (index, both values) unless the values agree within
 * the tolerance (NaN matches NaN, equal infinities match).
 */
export function assertCloseValues(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance = {}): void {
  const atol = tolerance.atol ?? 1e-5;
  const rtol = tolerance.rtol ?? 1e-5;
  if (actual.length !== expected.length) throw new Error(`${label}: ${actual.length} values, expected ${expected.length}`);
  for (let index = 0; index < actual.length; index++) {
    const a = actual[index] as number;
    const e = expected[index] as number;
    if (Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= atol + rtol * Math.abs(e)) continue;
    throw new Error(`${label}: element ${index} is ${a}, expected ${e} (atol ${atol}, rtol ${rtol})`);
  }
}

/** Checks a tensor's shape and values against a fixture tensor. */
export function assertCloseToFixture(label: string, actual: Tensor, expected: FixtureTensor, tolerance: Tolerance = {}): void {
  if (!shapesEqual(actual.shape, expected.shape)) {
    throw new Error(`${label}: shape ${formatShape(actual.shape)}, expected ${formatShape(expected.shape)}`);
  }
  assertCloseValues(label, Array.from(actual.dataSync()), fixtureValues(expected), tolerance);
}
