/**
 * MMPretrain's `make_divisible`: the nearest multiple of `divisor` to `value`, at least
 * `minValue` (default `divisor`) and not below `minRatio` of `value` (a multiple is added then).
 *
 * @example
 * makeDivisible(32 * 0.25, 8); // 8
 */
export function makeDivisible(value: number, divisor: number, minValue?: number, minRatio = 0.9): number {
  const floor = minValue ?? divisor;
  let result = Math.max(floor, Math.floor(Math.trunc(value + divisor / 2) / divisor) * divisor);
  if (result < minRatio * value) result += divisor;
  return result;
}
