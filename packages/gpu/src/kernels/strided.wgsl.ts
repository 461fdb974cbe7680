import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute, computeTypeOf } from './wgsl-common';

/** WGSL that turns `index` into `source`, the offset `pi(1) + Σ coordinate · stride` of a view. */
function viewOffset(rank: number, shapeBase: number, strideBase: number): string {
  const lines = ['  var source = pi(1u);', '  var rest = index;'];
  for (let axis = rank - 1; axis >= 0; axis--) {
    lines.push(`  { let size = pu(${shapeBase + axis}u); source += i32(rest % size) * pi(${strideBase + axis}u); rest = rest / size; }`);
  }
  return lines.join('\n');
}

/**
 * WGSL of `stridedCopy`: `output[i] = input[offset + Σ i_k · strides_k]`, elements copied as
 * stored. Parameters: `[count, offset, shape[rank], strides[rank]]`.
 */
export function stridedCopyWgsl(dtype: DType, rank: number): string {
  return `${enables([dtype])}${PARAMS_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'output', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
${viewOffset(rank, 2, 2 + rank)}
  output[index] = input[u32(source)];
}
`;
}

/**
 * WGSL of the scatter step of `stridedScatterAdd`: `output[offset + Σ i_k · strides_k] += source[i]`
 * (the output already holds the base; positions do not overlap). Parameters as
 * {@link stridedCopyWgsl}, over the source's shape.
 */
export function stridedAddWgsl(dtype: DType, rank: number): string {
  const type = computeTypeOf(dtype);
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'output', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
${viewOffset(rank, 2, 2 + rank)}
  let target_offset = u32(source);
  let sum = ${toCompute('output[target_offset]', dtype, type)} + ${toCompute('input[index]', dtype, type)};
  output[target_offset] = ${fromCompute('sum', type, dtype)};
}
`;
}
