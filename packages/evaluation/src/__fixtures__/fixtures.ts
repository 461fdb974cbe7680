import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Reads a JSON fixture written by scripts/generate-fixtures.py. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
}

/** A sample as the fixtures write it: MMPretrain's DataSample fields as plain lists. */
export interface FixtureSample {
  pred_score?: number[];
  pred_label?: number[];
  gt_label?: number[];
  gt_score?: number[];
  num_classes?: number;
  gt_label_difficult?: number[];
}

/** A case that runs a metric over samples the way an evaluator does. */
export interface EvaluateCase {
  name: string;
  metric?: string;
  options: Record<string, unknown>;
  samples: FixtureSample[];
  batches: number[];
  size: number;
  expected: Record<string, unknown>;
}

/** Splits the samples into batches of the given sizes. */
export function batchesOf<T>(samples: readonly T[], sizes: readonly number[]): T[][] {
  const batches: T[][] = [];
  let start = 0;
  for (const size of sizes) {
    batches.push(samples.slice(start, start + size));
    start += size;
  }
  return batches;
}

/**
 * Checks metric values against MMPretrain's, to the last bit: numbers with `toBe`, lists and
 * result objects item by item (with the same keys), so that a failure names the item.
 */
export function expectSameValues(actual: unknown, expected: unknown, path = 'value'): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is a list`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((item, index) => expectSameValues((actual as unknown[])[index], item, `${path}[${index}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectSameValues((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toBe(expected);
}
