/**
 * float32 arithmetic as PyTorch does it on float32 tensors: every operation is rounded to float32.
 * Rounding the exact float64 result of one +, -, * or / of float32 values gives the correctly
 * rounded float32 result (float64 has more than twice float32's precision), so `Math.fround` of
 * the float64 operation is the float32 operation.
 */

/** `torch.finfo(torch.float32).eps`: 2^-23. */
export const FLOAT32_EPSILON = 2 ** -23;

/** Rounds to the nearest float32, as storing a number in a float32 tensor does. */
export const toFloat32 = Math.fround;

/** The float32 sum of float32 values, accumulated in order. */
export function float32Sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total = Math.fround(total + (values[index] as number));
  return total;
}

/** The float32 mean of float32 values (`tensor.mean()`: the float32 sum divided by the count). */
export function float32Mean(values: ArrayLike<number>): number {
  return Math.fround(float32Sum(values) / values.length);
}
