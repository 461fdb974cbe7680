/** A threshold option: one threshold, `null` for none, or a list of them. */
export type ThresholdsOption = number | null | readonly (number | null)[];

/** Normalizes `thrs` as MMPretrain does: a number or `null` becomes a list of one. */
export function normalizeThresholds(value: ThresholdsOption | undefined, fallback: number | null, where: string): (number | null)[] {
  const list = value === undefined ? [fallback] : value === null || typeof value === 'number' ? [value] : [...value];
  if (!Array.isArray(list)) throw new TypeError(`${where}: thrs must be a number, null or a list of them, got ${typeof value}`);
  for (const item of list) {
    if (item !== null && (typeof item !== 'number' || Number.isNaN(item))) {
      throw new TypeError(`${where}: thrs must be numbers or null, got ${JSON.stringify(item)}`);
    }
  }
  return list;
}

/** Normalizes a `topk` option: a positive integer or a non-empty list of them. */
export function normalizeTopk(value: number | readonly number[] | undefined, fallback: number, where: string): number[] {
  const list = value === undefined ? [fallback] : typeof value === 'number' ? [value] : [...value];
  if (list.length === 0) throw new RangeError(`${where}: topk must not be empty`);
  for (const k of list) {
    if (!Number.isInteger(k) || k <= 0) {
      throw new RangeError(`${where}: topk must be a positive integer or a list of them, got ${JSON.stringify(value)}`);
    }
  }
  return list;
}
