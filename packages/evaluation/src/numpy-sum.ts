/**
 * The float64 sum of `values` in numpy's order (`np.add.reduce` on a contiguous array: pairwise
 * summation with 8 partial sums in blocks of up to 128 values), so that a mean matches numpy's
 * to the last bit.
 */
export function numpySum(values: ArrayLike<number>, start = 0, count = values.length - start): number {
  if (count < 8) {
    let total = 0;
    for (let index = 0; index < count; index++) total += values[start + index] as number;
    return total;
  }
  if (count <= 128) {
    const partial = new Float64Array(8);
    for (let lane = 0; lane < 8; lane++) partial[lane] = values[start + lane] as number;
    let index = 8;
    for (; index < count - (count % 8); index += 8) {
      for (let lane = 0; lane < 8; lane++) partial[lane] = (partial[lane] as number) + (values[start + index + lane] as number);
    }
    const [p0, p1, p2, p3, p4, p5, p6, p7] = partial as unknown as [number, number, number, number, number, number, number, number];
    let total = p0 + p1 + (p2 + p3) + (p4 + p5 + (p6 + p7));
    for (; index < count; index++) total += values[start + index] as number;
    return total;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return numpySum(values, start, half) + numpySum(values, start + half, count - half);
}

/** `np.mean` of float64 values: the numpy-ordered sum divided by the count. */
export function numpyMean(values: ArrayLike<number>): number {
  return numpySum(values) / values.length;
}
