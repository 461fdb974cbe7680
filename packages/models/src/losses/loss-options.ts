import type { Reduction } from './weight-reduce-loss';

/** Checks a reduction name, as MMPretrain's asserts do. */
export function checkReduction(owner: string, reduction: string | undefined, option = 'reduction'): Reduction | undefined {
  if (reduction === undefined || reduction === null) return undefined;
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new RangeError(`${owner}: ${option} must be 'none', 'mean' or 'sum', got ${JSON.stringify(reduction)}`);
  }
  return reduction;
}
