import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, computeTypeOf, enables, mainHeader, toCompute } from './wgsl-common';

/**
 * WGSL of `topk` by ranking: the thread of element j of a row counts the elements ordered before
 * it (NaN first, then larger (smaller) values, then smaller indices — the CPU's order); an element
 * whose rank is below k writes itself to that position. Parameters: `[rows, length, k]`.
 */
export function topkWgsl(dtype: DType, largest: boolean): string {
  const type = computeTypeOf(dtype);
  const nan = type === 'f32';
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'values', dtype, 'read_write')}
${bindingWgsl(3, 'indices', 'int32', 'read_write')}
fn load(at: u32) -> ${type} { return ${toCompute('input[at]', dtype, type)}; }
// Whether (a, i) comes before (b, j).
fn before(a: ${type}, i: u32, b: ${type}, j: u32) -> bool {
  ${nan ? `let nan_a = is_nan(a);
  let nan_b = is_nan(b);
  if (nan_a || nan_b) { return select(nan_a, i < j, nan_a && nan_b); }` : ''}
  if (a ${largest ? '>' : '<'} b) { return true; }
  return a == b && i < j;
}
${mainHeader(256)}
  let rows = pu(0u);
  let length = pu(1u);
  let k = pu(2u);
  if (index >= rows * length) { return; }
  let row = index / length;
  let j = index % length;
  let base = row * length;
  let value = load(base + j);
  var rank = 0u;
  for (var i = 0u; i < length && rank < k; i = i + 1u) {
    if (before(load(base + i), i, value, j)) { rank = rank + 1u; }
  }
  if (rank < k) {
    values[row * k + rank] = input[base + j];
    indices[row * k + rank] = i32(j);
  }
}
`;
}
