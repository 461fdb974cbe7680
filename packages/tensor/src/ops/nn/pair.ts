/** A size given once for both spatial axes, or as `[height, width]`. */
export type Pair = number | readonly [number, number];

/**
 * Expands a {@link Pair} to `[height, width]` and checks that both are integers of at least
 * `minimum`; the error names the op and the argument.
 */
export function toPair(op: string, name: string, value: Pair, minimum: number): [number, number] {
  if (typeof value !== 'number' && (!Array.isArray(value) || value.length !== 2)) {
    throw new RangeError(`${op}: ${name} must be a number or a pair [height, width], got ${JSON.stringify(value)}`);
  }
  const pair: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  for (const item of pair) {
    if (!Number.isInteger(item) || item < minimum) {
      throw new RangeError(`${op}: ${name} must be integers >= ${minimum}, got ${JSON.stringify(value)}`);
    }
  }
  return pair;
}
