import type { DType } from '@mmpt/tensor';
import type { ReduceKernel } from './kernel-names';
import { type ComputeType, MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/** One thread per output (many outputs) or one workgroup per output (long reductions). */
export type ReduceStrategy = 'thread' | 'workgroup';

/** Threads of a workgroup-per-output reduction. */
export const REDUCE_WORKGROUP = 256;

interface ReduceShader {
  readonly op: ReduceKernel;
  readonly input: DType;
  readonly output: DType;
  readonly computeType: ComputeType;
  readonly strategy: ReduceStrategy;
}

/**
 * A float max/min step that keeps a NaN of either side: the comparison alone is not enough, since
 * NVIDIA's Vulkan compiler turns such selects into max/min instructions, which return the number.
 */
function nanFirst(acc: string, value: string, compared: string): string {
  return `select(select(${compared}, ${value}, is_nan(${value})), ${acc}, is_nan(${acc}))`;
}

/** The fold of a reduction: its identity and how a value joins the accumulator. */
function fold(op: Exclude<ReduceKernel, 'argmax' | 'argmin'>, type: ComputeType): { initial: string; combine: (acc: string, value: string) => string } {
  const float = type === 'f32';
  switch (op) {
    case 'sum':
      return { initial: float ? '0.0' : '0', combine: (acc, value) => `${acc} + ${value}` };
    case 'prod':
      return { initial: float ? '1.0' : '1', combine: (acc, value) => `${acc} * ${value}` };
    case 'max':
      return float
        ? { initial: '-inf_f32()', combine: (acc, value) => nanFirst(acc, value, `select(${acc}, ${value}, ${value} > ${acc})`) }
        : { initial: 'i32(-2147483647 - 1)', combine: (acc, value) => `max(${acc}, ${value})` };
    case 'min':
      return float
        ? { initial: 'inf_f32()', combine: (acc, value) => nanFirst(acc, value, `select(${acc}, ${value}, ${value} < ${acc})`) }
        : { initial: '2147483647', combine: (acc, value) => `min(${acc}, ${value})` };
  }
}

/**
 * WGSL of a reduction over the middle axis of `[outer, reduce, inner]`. Parameters:
 * `[outer, reduce, inner]`. Arg reductions carry (value, index) pairs: NaN wins (the first
 * NaN), then the larger (smaller) value, then the smaller index, as the CPU backend.
 */
export function reduceWgsl(shader: ReduceShader): string {
  const { op, input, output, computeType: type, strategy } = shader;
  const arg = op === 'argmax' || op === 'argmin';
  const header = `${enables([input, output])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'input', input, 'read')}
${bindingWgsl(2, 'output', output, 'read_write')}
fn load(at: u32) -> ${type} { return ${toCompute('input[at]', input, type)}; }
`;
  const argHelpers = arg
    ? `
// Whether the candidate (value b at index j) beats the holder (value a at index i).
fn beats(a: ${type}, i: u32, b: ${type}, j: u32) -> bool {
  if (j == 0xffffffffu) { return false; }
  if (i == 0xffffffffu) { return true; }
  ${type === 'f32' ? `let nan_a = is_nan(a);
  let nan_b = is_nan(b);
  if (nan_a && nan_b) { return j < i; }
  if (nan_a) { return false; }
  if (nan_b) { return true; }` : ''}
  if (b ${op === 'argmax' ? '>' : '<'} a) { return true; }
  return b == a && j < i;
}
`
    : '';
  const initialValue = type === 'f32' ? '0.0' : '0';
  const scalar = arg ? null : fold(op, type);
  const accumulate = arg
    ? `if (beats(best, best_index, value, r)) { best = value; best_index = r; }`
    : `best = ${scalar!.combine('best', 'value')};`;
  const init = arg ? `var best: ${type} = ${initialValue};\n  var best_index = 0xffffffffu;` : `var best: ${type} = ${scalar!.initial};`;
  const store = arg ? `output[out_index] = ${fromCompute('i32(select(best_index, 0u, best_index == 0xffffffffu))', 'i32', output)};` : `output[out_index] = ${fromCompute('best', type, output)};`;
  if (strategy === 'thread') {
    // A float sum over one thread's whole line is compensated (Kahan), as long lines lose accuracy.
    const compensated = op === 'sum' && type === 'f32';
    const step = compensated
      ? `let corrected = value - compensation;
    let next = best + corrected;
    compensation = (next - best) - corrected;
    best = next;`
      : accumulate;
    return `${header}${argHelpers}
${mainHeader(256)}
  let outer = pu(0u);
  let reduce = pu(1u);
  let inner = pu(2u);
  if (index >= outer * inner) { return; }
  let out_index = index;
  let base = (index / inner) * reduce * inner + index % inner;
  ${init}
  ${compensated ? 'var compensation = 0.0;' : ''}
  for (var r = 0u; r < reduce; r = r + 1u) {
    let value = load(base + r * inner);
    ${step}
  }
  ${store}
}
`;
  }
  const combineShared = arg
    ? `if (beats(shared_values[local], shared_indices[local], shared_values[local + stride], shared_indices[local + stride])) {
        shared_values[local] = shared_values[local + stride];
        shared_indices[local] = shared_indices[local + stride];
      }`
    : `shared_values[local] = ${scalar!.combine('shared_values[local]', 'shared_values[local + stride]')};`;
  return `${header}${argHelpers}
var<workgroup> shared_values: array<${type}, ${REDUCE_WORKGROUP}>;
${arg ? `var<workgroup> shared_indices: array<u32, ${REDUCE_WORKGROUP}>;` : ''}
@compute @workgroup_size(${REDUCE_WORKGROUP})
fn main(@builtin(workgroup_id) workgroupId: vec3<u32>, @builtin(num_workgroups) workgroups: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let out_index = workgroupId.y * workgroups.x + workgroupId.x;
  let outer = pu(0u);
  let reduce = pu(1u);
  let inner = pu(2u);
  if (out_index >= outer * inner) { return; }
  let base = (out_index / inner) * reduce * inner + out_index % inner;
  ${init}
  for (var r = local; r < reduce; r = r + ${REDUCE_WORKGROUP}u) {
    let value = load(base + r * inner);
    ${accumulate}
  }
  shared_values[local] = best;
  ${arg ? 'shared_indices[local] = best_index;' : ''}
  workgroupBarrier();
  for (var stride = ${REDUCE_WORKGROUP / 2}u; stride > 0u; stride = stride >> 1u) {
    if (local < stride) {
      ${combineShared}
    }
    workgroupBarrier();
  }
  if (local == 0u) {
    best = shared_values[0];
    ${arg ? 'best_index = shared_indices[0];' : ''}
    ${store}
  }
}
`;
}
