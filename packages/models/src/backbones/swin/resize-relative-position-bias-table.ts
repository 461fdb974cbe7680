import { notAKnotSplineWeights } from './not-a-knot-spline';

/**
 * MMPretrain's `resize_relative_position_bias_table` (from BEiT): resizes a relative position
 * bias table `[sourceSize², heads]` (row-major `[heads]` rows; `sourceSize = 2 * window - 1`) to
 * `[targetSize², heads]`. The source offsets are spread on a geometric progression `0, ±1,
 * ±(1 + q), ±(1 + q + q²), ...` whose ratio `q` (bisected in [1.01, 1.5]) makes the outermost
 * offset reach `targetSize // 2`; each head's table is then sampled at the integer offsets
 * `-targetSize // 2 ... targetSize // 2` with a bicubic spline through the source values, as
 * SciPy's `interp2d(kind='cubic')`. Needs a window of at least 3 (`sourceSize >= 5`; SciPy's
 * spline needs 4 points). Returns float32 values, `[targetSize², heads]` row-major.
 *
 * @example
 * // A Swin table of window 12 (23 x 23 offsets) for window 7.
 * const resized = resizeRelativePositionBiasTable(23, 13, table, heads);
 */
export function resizeRelativePositionBiasTable(sourceSize: number, targetSize: number, table: ArrayLike<number | bigint>, heads: number): Float32Array {
  for (const [name, size] of [['source', sourceSize], ['target', targetSize]] as const) {
    if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`resizeRelativePositionBiasTable: the ${name} size must be odd (2 * window - 1), got ${size}`);
  }
  if (sourceSize < 5) {
    throw new RangeError(`resizeRelativePositionBiasTable: a ${sourceSize}x${sourceSize} table cannot be interpolated (a cubic spline needs 4 offsets per axis, a window of at least 3)`);
  }
  if (table.length !== sourceSize * sourceSize * heads) {
    throw new RangeError(`resizeRelativePositionBiasTable: ${table.length} values do not make a [${sourceSize * sourceSize}, ${heads}] table`);
  }
  const offsets = geometricOffsets(sourceSize, targetSize);
  const half = Math.floor(targetSize / 2);
  const points = Array.from({ length: 2 * half + 1 }, (_, index) => index - half);
  const weights = notAKnotSplineWeights(offsets, points);
  const size = points.length;
  const result = new Float32Array(size * size * heads);
  const grid = new Float64Array(sourceSize * sourceSize);
  const rows = new Float64Array(size * sourceSize);
  for (let head = 0; head < heads; head++) {
    for (let index = 0; index < sourceSize * sourceSize; index++) grid[index] = Number(table[index * heads + head]);
    // Along the first axis, then along the second (the bicubic spline is separable on a grid).
    rows.fill(0);
    for (let target = 0; target < size; target++) {
      const weight = weights[target] as Float64Array;
      for (let source = 0; source < sourceSize; source++) {
        const factor = weight[source] as number;
        if (factor === 0) continue;
        for (let column = 0; column < sourceSize; column++) {
          rows[target * sourceSize + column] = (rows[target * sourceSize + column] as number) + factor * (grid[source * sourceSize + column] as number);
        }
      }
    }
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        const weight = weights[column] as Float64Array;
        let value = 0;
        for (let source = 0; source < sourceSize; source++) value += (weight[source] as number) * (rows[row * sourceSize + source] as number);
        result[(row * size + column) * heads + head] = value;
      }
    }
  }
  return result;
}

/** The source offsets `-d[n-1] ... -d[0], 0, d[0] ... d[n-1]` of BEiT's geometric progression. */
function geometricOffsets(sourceSize: number, targetSize: number): number[] {
  const steps = Math.floor(sourceSize / 2);
  const reach = Math.floor(targetSize / 2);
  const progression = (ratio: number) => (1 - ratio ** steps) / (1 - ratio);
  let left = 1.01;
  let right = 1.5;
  let ratio = left;
  while (right - left > 1e-6) {
    ratio = (left + right) / 2;
    if (progression(ratio) > reach) right = ratio;
    else left = ratio;
  }
  const distances: number[] = [];
  let current = 1;
  for (let index = 0; index < steps; index++) {
    distances.push(current);
    current += ratio ** (index + 1);
  }
  return [...distances.map((distance) => -distance).reverse(), 0, ...distances];
}
