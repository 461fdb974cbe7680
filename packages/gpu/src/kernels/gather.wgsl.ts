import type { DType } from '@mmpt/tensor';
import { PARAMS_WGSL, bindingWgsl, enables, mainHeader } from './wgsl-common';

/**
 * WGSL reporting an out-of-range index: the first failing launch stores its tag, the index and the
 * axis size in the status buffer, which the backend reads with the next readback.
 */
export const STATUS_WGSL = `
fn report_index(tag: u32, value: i32, size: i32) {
  loop {
    let claimed = atomicCompareExchangeWeak(&status[0], 0, i32(tag));
    if (claimed.exchanged) {
      atomicStore(&status[1], value);
      atomicStore(&status[2], size);
      break;
    }
    if (claimed.old_value != 0) { break; }
  }
}
// The index at position \`at\` of the axis of \`size\`, wrapped when negative; -1 (and a report) when out of range.
fn checked_index(at: u32, size: i32, tag: u32) -> i32 {
  let value = index_values[at];
  let wrapped = select(value, value + size, value < 0);
  if (wrapped < 0 || wrapped >= size) {
    report_index(tag, value, size);
    return -1;
  }
  return wrapped;
}
`;

/** The index-status binding. */
export function statusBinding(binding: number): string {
  return `@group(0) @binding(${binding}) var<storage, read_write> status: array<atomic<i32>>;`;
}

/**
 * WGSL of `gather` along `axis`: the output has the index's shape; an out-of-range index gives 0
 * and a report. Parameters: `[count, tag, axisSize, indexShape[rank], inputStrides[rank]]`.
 */
export function gatherWgsl(dtype: DType, rank: number, axis: number): string {
  const shapeBase = 3;
  const strideBase = shapeBase + rank;
  const lines = ['  var rest = index;', '  var source = 0u;', '  var valid = true;'];
  for (let at = rank - 1; at >= 0; at--) {
    lines.push(`  { let size = pu(${shapeBase + at}u); let coordinate = rest % size; rest = rest / size;`);
    if (at === axis) {
      lines.push(`    let chosen = checked_index(index, pi(2u), pu(1u));
    if (chosen < 0) { valid = false; }
    source += u32(max(chosen, 0)) * pu(${strideBase + at}u); }`);
    } else lines.push(`    source += coordinate * pu(${strideBase + at}u); }`);
  }
  return `${enables([dtype])}${PARAMS_WGSL}
${bindingWgsl(1, 'input', dtype, 'read')}
${bindingWgsl(2, 'index_values', 'int32', 'read')}
${bindingWgsl(3, 'output', dtype, 'read_write')}
${statusBinding(4)}
${STATUS_WGSL}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
${lines.join('\n')}
  if (valid) { output[index] = input[source]; } else { output[index] = ${dtype === 'float16' ? '0.0h' : '0u'}; }
}
`;
}

/**
 * WGSL of the scatter step of `scatterAdd` (the output already holds the base): each source element
 * chosen by the index shape is added atomically at its target. float32 adds by compare-and-swap
 * on the bits. Parameters: `[count, tag, axisSize, indexShape[rank], sourceStrides[rank], outputStrides[rank]]`.
 */
export function scatterAddWgsl(dtype: 'float32' | 'int32', rank: number, axis: number): string {
  const shapeBase = 3;
  const sourceBase = shapeBase + rank;
  const outputBase = sourceBase + rank;
  const lines = ['  var rest = index;', '  var from_offset = 0u;', '  var target_offset = 0u;', '  var valid = true;'];
  for (let at = rank - 1; at >= 0; at--) {
    lines.push(`  { let size = pu(${shapeBase + at}u); let coordinate = rest % size; rest = rest / size;
    from_offset += coordinate * pu(${sourceBase + at}u);`);
    if (at === axis) {
      lines.push(`    let chosen = checked_index(index, pi(2u), pu(1u));
    if (chosen < 0) { valid = false; }
    target_offset += u32(max(chosen, 0)) * pu(${outputBase + at}u); }`);
    } else lines.push(`    target_offset += coordinate * pu(${outputBase + at}u); }`);
  }
  const add =
    dtype === 'int32'
      ? '  atomicAdd(&output[target_offset], source[from_offset]);'
      : `  let addend = source[from_offset];
  var old = atomicLoad(&output[target_offset]);
  loop {
    let swapped = atomicCompareExchangeWeak(&output[target_offset], old, bitcast<u32>(bitcast<f32>(old) + addend));
    if (swapped.exchanged) { break; }
    old = swapped.old_value;
  }`;
  return `${PARAMS_WGSL}
${bindingWgsl(1, 'source', dtype, 'read')}
${bindingWgsl(2, 'index_values', 'int32', 'read')}
@group(0) @binding(3) var<storage, read_write> output: array<atomic<${dtype === 'int32' ? 'i32' : 'u32'}>>;
${statusBinding(4)}
${STATUS_WGSL}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
${lines.join('\n')}
  if (!valid) { return; }
${add}
}
`;
}
