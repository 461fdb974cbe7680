import type { DType } from '@mmpt/tensor';
import { fillValueWgsl } from './element-copy';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, computeTypeOf, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/** Border modes of `pad`. */
export type PadMode = 'constant' | 'reflect' | 'replicate';

/** WGSL mapping a padded coordinate `q` (before-offset removed) to the input coordinate it copies, or -1. */
function sourceIndexWgsl(mode: PadMode): string {
  const outside =
    mode === 'constant'
      ? 'return -1;'
      : mode === 'replicate'
        ? 'return select(size - 1, 0, q < 0);'
        : `let period = 2 * (size - 1);
  if (period == 0) { return 0; }
  var folded = abs(q) % period;
  if (folded >= size) { folded = period - folded; }
  return folded;`;
  return `fn source_index(q: i32, size: i32) -> i32 {
  if (q >= 0 && q < size) { return q; }
  ${outside}
}`;
}

/**
 * WGSL of `pad`: each output element copies the input element its coordinates map to, or the
 * fill value. Parameters: `[count, value, outShape[rank], inShape[rank], before[rank], inStrides[rank]]`.
 */
export function padWgsl(dtype: DType, rank: number, mode: PadMode): string {
  const outShape = 2;
  const inShape = outShape + rank;
  const before = inShape + rank;
  const inStrides = before + rank;
  const lines = ['  var rest = index;', '  var source = 0;', '  var inside = true;'];
  for (let axis = rank - 1; axis >= 0; axis--) {
    lines.push(`  {
    let size = pu(${outShape + axis}u);
    let mapped = source_index(i32(rest % size) - pi(${before + axis}u), pi(${inShape + axis}u));
    rest = rest / size;
    if (mapped < 0) { inside = false; }
    source += mapped * pi(${inStrides + axis}u);
  }`);
  }
  return `${enables([dtype])}${PARAMS_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'output', dtype, 'read_write')}
${sourceIndexWgsl(mode)}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
${lines.join('\n')}
  if (inside) { output[index] = input[u32(source)]; } else { output[index] = ${fillValueWgsl(dtype, 1)}; }
}
`;
}

/**
 * WGSL of one axis of `padBackward` (reflect or replicate): the tensor is `[outer, padded, inner]`
 * and becomes `[outer, size, inner]`; each element sums the padded positions that copied it.
 * Parameters: `[count, size, padded, before, inner]`.
 */
export function padBackwardAxisWgsl(dtype: DType, mode: PadMode): string {
  const type = computeTypeOf(dtype);
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'output', dtype, 'read_write')}
${sourceIndexWgsl(mode)}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let size = pu(1u);
  let padded = pu(2u);
  let before = pi(3u);
  let inner = pu(4u);
  let i = index % inner;
  let c = (index / inner) % size;
  let o = index / (inner * size);
  var total: ${type} = ${type === 'f32' ? '0.0' : '0'};
  for (var p = 0u; p < padded; p = p + 1u) {
    if (source_index(i32(p) - before, i32(size)) == i32(c)) {
      total = total + ${toCompute('input[(o * padded + p) * inner + i]', dtype, type)};
    }
  }
  output[index] = ${fromCompute('total', type, dtype)};
}
`;
}
