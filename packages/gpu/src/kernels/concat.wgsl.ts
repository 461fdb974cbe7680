import type { DType } from '@mmpt/tensor';
import { PARAMS_WGSL, bindingWgsl, enables, mainHeader } from './wgsl-common';

/**
 * WGSL copying one input of `concat` into its columns of the output, viewed as
 * `[outer, rowLength]`. Parameters: `[count, chunk, rowLength, column]`.
 */
export function concatWgsl(dtype: DType): string {
  return `${enables([dtype])}${PARAMS_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'output', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let chunk = pu(1u);
  output[(index / chunk) * pu(2u) + pu(3u) + index % chunk] = input[index];
}
`;
}
