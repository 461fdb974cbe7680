/** Checks that a value is a probability in [0, 1]; the error names the owner and the option. */
export function checkProbability(value: unknown, owner: string, option: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${owner}: ${option} must be a number in [0, 1], got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks a `(min, max)` pair of numbers. */
export function checkRange(value: unknown, owner: string, option: string, options: { positive?: boolean } = {}): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
    throw new TypeError(`${owner}: ${option} must be a (min, max) pair of numbers, got ${JSON.stringify(value)}`);
  }
  const [low, high] = value as [number, number];
  if (low > high) throw new RangeError(`${owner}: ${option} must be (min, max) with min <= max, got (${low}, ${high})`);
  if (options.positive && low <= 0) throw new RangeError(`${owner}: ${option} must be positive, got (${low}, ${high})`);
  return [low, high];
}

/** Checks a positive integer. */
export function checkPositiveInteger(value: unknown, owner: string, option: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${owner}: ${option} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks that a value is one of the allowed strings. */
export function checkChoice<T extends string>(value: unknown, allowed: readonly T[], owner: string, option: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new RangeError(`${owner}: ${option} must be one of ${allowed.map((item) => `'${item}'`).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/**
 * A size given as an int (square) or a pair, checked positive. `order` names what the pair means
 * in the error message, e.g. `(h, w)`.
 */
export function checkSize(value: unknown, owner: string, option: string, order: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((item) => typeof item === 'number' && Number.isInteger(item) && item > 0)) {
    throw new RangeError(`${owner}: ${option} must be a positive int or a ${order} pair of positive ints, got ${JSON.stringify(value)}`);
  }
  return [pair[0] as number, pair[1] as number];
}
