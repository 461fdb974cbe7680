import type { DType } from '@mmpt/tensor';
import { type ComputeType, MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/**
 * WGSL of an inclusive cumulative sum along the middle axis of `[outer, reduce, inner]`, one
 * thread per line. Float sums are compensated (Kahan), so long lines keep float32 accuracy.
 * Parameters: `[outer, reduce, inner, reverse]`.
 */
export function cumsumWgsl(input: DType, output: DType, type: ComputeType): string {
  const float = type === 'f32';
  return `${enables([input, output])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'input', input, 'read')}
${bindingWgsl(2, 'output', output, 'read_write')}
${mainHeader(256)}
  let outer = pu(0u);
  let reduce = pu(1u);
  let inner = pu(2u);
  let reverse = pu(3u) != 0u;
  if (index >= outer * inner) { return; }
  let base = (index / inner) * reduce * inner + index % inner;
  var total: ${type} = ${float ? '0.0' : '0'};
  ${float ? 'var compensation = 0.0;' : ''}
  for (var step = 0u; step < reduce; step = step + 1u) {
    let r = select(step, reduce - 1u - step, reverse);
    let at = base + r * inner;
    let value = ${toCompute('input[at]', input, type)};
    ${float ? `let corrected = value - compensation;
    let next = total + corrected;
    compensation = (next - total) - corrected;
    total = next;` : 'total = total + value;'}
    output[at] = ${fromCompute('total', type, output)};
  }
}
`;
}
