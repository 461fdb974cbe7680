/**
 * How per-class values are combined, as MMPretrain's `average` option:
 * - `'macro'`: compute the metric of every class, then their mean;
 * - `'micro'`: sum the counts of all classes, then compute one metric;
 * - `null`: the metric of every class (results named `..._classwise`).
 */
export type Average = 'macro' | 'micro' | null;

/** Checks an `average` option against the modes a metric supports. */
export function checkAverage<T extends Average>(value: unknown, allowed: readonly T[], where: string): T {
  const normalized = value === undefined ? null : value;
  if (!allowed.includes(normalized as T)) {
    const options = allowed.map((item) => (item === null ? 'null' : `'${item}'`)).join(', ');
    throw new RangeError(`${where}: invalid average ${formatOption(value)}, choose from ${options}`);
  }
  return normalized as T;
}

function formatOption(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
