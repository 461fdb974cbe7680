import type { DType } from '@mmpt/tensor';
import type { StorageAccess } from '../runtime/pipeline-cache';

/** WGSL types that computations run in. */
export type ComputeType = 'f32' | 'i32';

/** The WGSL element type of a dtype in storage (bool is one u32 per element). */
export function storageType(dtype: DType): 'f32' | 'i32' | 'u32' | 'f16' {
  return dtype === 'float32' ? 'f32' : dtype === 'int32' ? 'i32' : dtype === 'bool' ? 'u32' : 'f16';
}

/** The type a value of a dtype is computed in: i32 for int32 and bool, f32 for floats. */
export function computeTypeOf(dtype: DType): ComputeType {
  return dtype === 'int32' || dtype === 'bool' ? 'i32' : 'f32';
}

/** `enable f16;` when one of the dtypes is float16. */
export function enables(dtypes: readonly DType[]): string {
  return dtypes.includes('float16') ? 'enable f16;\n' : '';
}

/**
 * The parameter block every kernel has at binding 0: 64 words, read with `pu(i)` (u32),
 * `pi(i)` (i32) and `pf(i)` (f32).
 */
export const PARAMS_WGSL = `
struct Params { words: array<vec4<u32>, 16> }
@group(0) @binding(0) var<uniform> params: Params;
fn pu(i: u32) -> u32 { return params.words[i >> 2u][i & 3u]; }
fn pi(i: u32) -> i32 { return bitcast<i32>(pu(i)); }
fn pf(i: u32) -> f32 { return bitcast<f32>(pu(i)); }
`;

/** A storage binding declaration: `array<T>` of the dtype's storage type. */
export function bindingWgsl(binding: number, name: string, dtype: DType, access: StorageAccess): string {
  return `@group(0) @binding(${binding}) var<storage, ${access}> ${name}: array<${storageType(dtype)}>;`;
}

/** The entry point of a one-thread-per-item kernel over a 2-D grid of workgroups; `index` is the item. */
export function mainHeader(workgroupSize: number): string {
  return `@compute @workgroup_size(${workgroupSize})
fn main(@builtin(workgroup_id) workgroupId: vec3<u32>, @builtin(num_workgroups) workgroups: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let index = (workgroupId.y * workgroups.x + workgroupId.x) * ${workgroupSize}u + local;`;
}

/** Converts a stored value (an expression of the dtype's storage type) to a compute type. */
export function toCompute(expression: string, from: DType, to: ComputeType): string {
  if (from === 'float32') return to === 'f32' ? expression : `i32(${expression})`;
  if (from === 'float16') return to === 'f32' ? `f32(${expression})` : `i32(f32(${expression}))`;
  if (from === 'int32') return to === 'i32' ? expression : `f32(${expression})`;
  return to === 'i32' ? `i32(${expression})` : `f32(${expression})`;
}

/** Converts a computed value to a dtype's storage type (bool: non-zero is true, NaN included). */
export function fromCompute(expression: string, from: ComputeType, to: DType): string {
  if (to === 'bool') return from === 'f32' ? `select(0u, 1u, (bitcast<u32>(${expression}) & 0x7fffffffu) != 0u)` : `select(0u, 1u, ${expression} != 0)`;
  if (to === 'float32') return from === 'f32' ? expression : `f32(${expression})`;
  if (to === 'float16') return from === 'f32' ? `f16(${expression})` : `f16(f32(${expression}))`;
  return from === 'i32' ? expression : `truncate_to_i32(${expression})`;
}

/** Whether a stored value (of a dtype's storage type) is non-zero. */
export function truthOf(expression: string, dtype: DType): string {
  if (dtype === 'bool') return `(${expression} != 0u)`;
  if (dtype === 'int32') return `(${expression} != 0)`;
  if (dtype === 'float16') return `((bitcast<u32>(f32(${expression})) & 0x7fffffffu) != 0u)`;
  return `((bitcast<u32>(${expression}) & 0x7fffffffu) != 0u)`;
}

/**
 * Scalar helpers shared by the kernels: NaN tests by bits (safe from fast-math folding), float to
 * int truncation with JavaScript's wrap-around, and functions WGSL lacks or computes loosely.
 */
export const MATH_WGSL = `
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// NaN and infinity come from private variables: constant expressions may not produce them.
var<private> nan_bits: u32 = 0x7fc00000u;
var<private> inf_bits: u32 = 0x7f800000u;
fn nan_f32() -> f32 { return bitcast<f32>(nan_bits); }
fn inf_f32() -> f32 { return bitcast<f32>(inf_bits); }
fn truncate_to_i32(x: f32) -> i32 {
  if (is_nan(x) || abs(x) >= 3.4e38) { return 0; }
  let t = trunc(x);
  if (abs(t) < 2147483648.0) { return i32(t); }
  let wrapped = t - 4294967296.0 * floor(t / 4294967296.0);
  return bitcast<i32>(u32(wrapped));
}
`;
