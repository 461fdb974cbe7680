import { readFileSync } from 'node:fs';
import type { Backend } from '../../../core/backend';
import type { Tensor } from '../../../core/tensor';
import { tensor } from '../../creation';

/** A tensor as the fixture generator writes it (non-finite floats as strings). */
export interface FixtureTensor {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  data: Array<number | boolean | string>;
}

/** One reference case: inputs, options, outputs, the output weights R and the gradients of sum(output * R). */
export interface FixtureCase {
  inputs: Record<string, FixtureTensor>;
  options: Record<string, unknown>;
  outputs: Record<string, FixtureTensor>;
  gradOutput: FixtureTensor;
  grads?: Record<string, FixtureTensor>;
}

/** Reads `__fixtures__/<name>.json` (written by scripts/generate-nn-fixtures.py). */
export function loadFixtures(name: string): Record<string, FixtureCase> {
  const url = new URL(`../__fixtures__/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, FixtureCase>;
}

/** The values of a fixture tensor as numbers (NaN and infinities decoded, booleans as 0/1). */
export function fixtureValues(fixture: FixtureTensor): number[] {
  return fixture.data.map((value) => (typeof value === 'string' ? Number(value) : typeof value === 'boolean' ? Number(value) : value));
}

/** A tensor holding a fixture tensor's values. */
export function fixtureTensor(fixture: FixtureTensor, options: { requiresGrad?: boolean; backend?: Backend } = {}): Tensor {
  const values = fixtureValues(fixture);
  const data = fixture.dtype === 'int32' ? Int32Array.from(values) : fixture.dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
  return tensor(data, { shape: fixture.shape, dtype: fixture.dtype, ...options });
}
