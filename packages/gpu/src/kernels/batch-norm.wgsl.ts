import type { DType } from '@mmpt/tensor';
import type { KernelStyle } from './kernel-context';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/**
 * Batch-norm parameters: `[count, channels, spatial, batch, eps]` for an input viewed as
 * `[N, C, S]`; element (n, c, s) is at `(n · C + c) · S + s`.
 */
const VIEW_WGSL = `
fn channels() -> u32 { return pu(1u); }
fn spatial() -> u32 { return pu(2u); }
fn batch() -> u32 { return pu(3u); }
fn eps() -> f32 { return pf(4u); }
// Position of the i-th of the N·S values of channel c.
fn at(c: u32, i: u32) -> u32 { return ((i / spatial()) * channels() + c) * spatial() + i % spatial(); }
`;

/** Threads of a workgroup-per-channel reduction. */
const WORKGROUP = 256;

/** A binding of the kernel: its name, dtype and access. */
type Binding = readonly [name: string, dtype: DType, access: 'read' | 'read_write'];

function declare(bindings: readonly Binding[]): string {
  return bindings.map(([name, dtype, access], at) => bindingWgsl(at + 1, name, dtype, access)).join('\n');
}

function load(bindings: readonly Binding[], name: string, index: string): string {
  const binding = bindings.find(([candidate]) => candidate === name) as Binding;
  return toCompute(`${name}[${index}]`, binding[1], 'f32');
}

function store(bindings: readonly Binding[], name: string, index: string, value: string): string {
  const binding = bindings.find(([candidate]) => candidate === name) as Binding;
  return `${name}[${index}] = ${fromCompute(value, 'f32', binding[1])};`;
}

/**
 * WGSL of the per-channel sums of batch norm. `train`: the mean, then the biased variance around
 * it (two passes), and invStd; `backward`: `Σ g` and `Σ g · (x - mean)`, giving the bias and weight
 * gradients. The `gpu` style reduces each channel with a workgroup (a tree in workgroup memory);
 * the `software` style sums each channel in one thread, compensated (Kahan).
 */
export function channelStatsWgsl(kind: 'train' | 'backward', dtypes: readonly DType[], style: KernelStyle): string {
  const bindings: Binding[] =
    kind === 'train'
      ? [
          ['x', dtypes[0]!, 'read'],
          ['mean_out', dtypes[1]!, 'read_write'],
          ['variance_out', dtypes[2]!, 'read_write'],
          ['inv_std_out', dtypes[3]!, 'read_write'],
        ]
      : [
          ['g', dtypes[0]!, 'read'],
          ['x', dtypes[1]!, 'read'],
          ['mean', dtypes[2]!, 'read'],
          ['inv_std', dtypes[3]!, 'read'],
          ['grad_weight', dtypes[4]!, 'read_write'],
          ['grad_bias', dtypes[5]!, 'read_write'],
        ];
  const x = (index: string) => load(bindings, 'x', index);
  const g = (index: string) => load(bindings, 'g', index);
  const head = `${enables(dtypes)}${PARAMS_WGSL}${MATH_WGSL}${VIEW_WGSL}
${declare(bindings)}
struct Sum { total: f32, compensation: f32 }
fn add_to(sum: ptr<function, Sum>, value: f32) {
  let corrected = value - (*sum).compensation;
  let next = (*sum).total + corrected;
  (*sum).compensation = (next - (*sum).total) - corrected;
  (*sum).total = next;
}`;
  const gpu = style === 'gpu';
  // Sums `term(i)` over the channel's values into `name` (a whole-workgroup sum in the gpu style).
  const sum = (name: string, term: string) =>
    gpu
      ? `var ${name}_part = Sum(0.0, 0.0);
  for (var i = local; i < count; i = i + ${WORKGROUP}u) { add_to(&${name}_part, ${term}); }
  let ${name} = workgroup_sum(${name}_part.total, local);`
      : `var ${name}_part = Sum(0.0, 0.0);
  for (var i = 0u; i < count; i = i + 1u) { add_to(&${name}_part, ${term}); }
  let ${name} = ${name}_part.total;`;
  const body =
    kind === 'train'
      ? `${sum('total', x('at(c, i)'))}
  let mean = total / f32(count);
  ${sum('squares', `(${x('at(c, i)')} - mean) * (${x('at(c, i)')} - mean)`)}
  let variance = squares / f32(count);
  if (${gpu ? 'local == 0u' : 'true'}) {
    ${store(bindings, 'mean_out', 'c', 'mean')}
    ${store(bindings, 'variance_out', 'c', 'variance')}
    ${store(bindings, 'inv_std_out', 'c', '1.0 / sqrt(variance + eps())')}
  }`
      : `let mean_c = ${load(bindings, 'mean', 'c')};
  ${sum('grad_sum', g('at(c, i)'))}
  ${sum('grad_dot', `${g('at(c, i)')} * (${x('at(c, i)')} - mean_c)`)}
  if (${gpu ? 'local == 0u' : 'true'}) {
    ${store(bindings, 'grad_weight', 'c', `grad_dot * ${load(bindings, 'inv_std', 'c')}`)}
    ${store(bindings, 'grad_bias', 'c', 'grad_sum')}
  }`;
  if (!gpu) {
    return `${head}
${mainHeader(64)}
  let c = index;
  if (c >= channels()) { return; }
  let count = batch() * spatial();
  ${body}
}
`;
  }
  return `${head}
var<workgroup> partial: array<f32, ${WORKGROUP}>;
fn workgroup_sum(value: f32, local: u32) -> f32 {
  partial[local] = value;
  workgroupBarrier();
  for (var stride = ${WORKGROUP / 2}u; stride > 0u; stride = stride >> 1u) {
    if (local < stride) { partial[local] = partial[local] + partial[local + stride]; }
    workgroupBarrier();
  }
  let result = partial[0];
  workgroupBarrier();
  return result;
}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) workgroupId: vec3<u32>, @builtin(num_workgroups) workgroups: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let c = workgroupId.y * workgroups.x + workgroupId.x;
  if (c >= channels()) { return; }
  let count = batch() * spatial();
  ${body}
}
`;
}

/**
 * WGSL of the elementwise pass of batch norm, one thread per element of channel `c`:
 * `train` `y = x · scale + shift` with `scale = invStd · weight`, `shift = bias - mean · scale`;
 * `inference` the same with `invStd = 1 / sqrt(variance + eps)`; `backward`
 * `dx = k · g - k · Σg / M - (x - mean) · k · invStd · gradWeight / M` with `k = weight · invStd`.
 */
export function batchNormApplyWgsl(kind: 'train' | 'inference' | 'backward', dtypes: readonly DType[]): string {
  const names =
    kind === 'train'
      ? ['x', 'weight', 'bias', 'mean', 'inv_std', 'y']
      : kind === 'inference'
        ? ['x', 'mean', 'variance', 'weight', 'bias', 'y']
        : ['g', 'x', 'mean', 'inv_std', 'weight', 'grad_weight', 'grad_bias', 'dx'];
  const bindings: Binding[] = names.map((name, at) => [name, dtypes[at]!, at === names.length - 1 ? 'read_write' : 'read']);
  const read = (name: string, index = 'c') => load(bindings, name, index);
  const body =
    kind === 'backward'
      ? `  let count = f32(batch() * spatial());
  let inv_std = ${read('inv_std')};
  let k = ${read('weight')} * inv_std;
  let offset = -k * (${read('grad_bias')} / count);
  let slope = k * inv_std * ${read('grad_weight')} / count;
  let value = k * ${read('g', 'index')} + offset - (${read('x', 'index')} - ${read('mean')}) * slope;
  ${store(bindings, 'dx', 'index', 'value')}`
      : `  let inv_std = ${kind === 'train' ? read('inv_std') : `1.0 / sqrt(${read('variance')} + eps())`};
  let scale = inv_std * ${read('weight')};
  let shift = ${read('bias')} - ${read('mean')} * scale;
  let value = ${read('x', 'index')} * scale + shift;
  ${store(bindings, 'y', 'index', 'value')}`;
  return `${enables(dtypes)}${PARAMS_WGSL}${MATH_WGSL}${VIEW_WGSL}
${declare(bindings)}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let c = (index / spatial()) % channels();
${body}
}
`;
}
