import type { DType } from '@mmpt/tensor';
import { convParamsWgsl } from './conv2d-geometry';
import type { ConvPass } from './conv2d.wgsl';
import type { KernelStyle } from './kernel-context';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/** First parameter word of the geometry (after the item count). */
const GEOMETRY = 1;

/** Threads of the filter-gradient reduction (one workgroup per filter tap). */
export const DEPTHWISE_FILTER_WORKGROUP = 256;

/**
 * WGSL of a depthwise convolution (one input channel per group, `Og` output channels each) as
 * direct loops: the forward pass and the input gradient with one thread per element, the filter
 * gradient with one workgroup per filter tap reducing over images and positions (one thread per
 * tap in the software style, which has no barriers).
 */
export function depthwiseWgsl(pass: ConvPass, dtype: DType, style: KernelStyle): string {
  const read = (name: string, at: string) => toCompute(`${name}[${at}]`, dtype, 'f32');
  const head = `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${convParamsWgsl(GEOMETRY)}`;
  if (pass === 'forward') {
    return `${head}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'w', dtype, 'read')}
${bindingWgsl(3, 'y', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ox = index % out_w();
  let oy = (index / out_w()) % out_h();
  let oc = (index / (out_w() * out_h())) % out_channels();
  let n = index / (out_w() * out_h() * out_channels());
  let plane = (n * channels() + oc / group_out_channels()) * height();
  var total = 0.0;
  for (var ky = 0u; ky < kernel_h(); ky = ky + 1u) {
    let iy = i32(oy * stride_h() + ky * dilation_h()) - i32(pad_h());
    if (iy < 0 || iy >= i32(height())) { continue; }
    for (var kx = 0u; kx < kernel_w(); kx = kx + 1u) {
      let ix = i32(ox * stride_w() + kx * dilation_w()) - i32(pad_w());
      if (ix < 0 || ix >= i32(width())) { continue; }
      total = total + ${read('w', '(oc * kernel_h() + ky) * kernel_w() + kx')} * ${read('x', '(plane + u32(iy)) * width() + u32(ix)')};
    }
  }
  let value = total;
  y[index] = ${fromCompute('value', 'f32', dtype)};
}
`;
  }
  if (pass === 'backwardInput') {
    return `${head}
${bindingWgsl(1, 'dy', dtype, 'read')}
${bindingWgsl(2, 'w', dtype, 'read')}
${bindingWgsl(3, 'dx', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ix = index % width();
  let iy = (index / width()) % height();
  let c = (index / (width() * height())) % channels();
  let n = index / (width() * height() * channels());
  var total = 0.0;
  for (var m = 0u; m < group_out_channels(); m = m + 1u) {
    let oc = c * group_out_channels() + m;
    for (var ky = 0u; ky < kernel_h(); ky = ky + 1u) {
      let ny = i32(iy + pad_h()) - i32(ky * dilation_h());
      if (ny < 0 || u32(ny) % stride_h() != 0u) { continue; }
      let oy = u32(ny) / stride_h();
      if (oy >= out_h()) { continue; }
      for (var kx = 0u; kx < kernel_w(); kx = kx + 1u) {
        let nx = i32(ix + pad_w()) - i32(kx * dilation_w());
        if (nx < 0 || u32(nx) % stride_w() != 0u) { continue; }
        let ox = u32(nx) / stride_w();
        if (ox >= out_w()) { continue; }
        total = total + ${read('w', '(oc * kernel_h() + ky) * kernel_w() + kx')} * ${read('dy', '((n * out_channels() + oc) * out_h() + oy) * out_w() + ox')};
      }
    }
  }
  let value = total;
  dx[index] = ${fromCompute('value', 'f32', dtype)};
}
`;
  }
  const tapTerm = (n: string, p: string) => `
    let iy = i32((${p} / out_w()) * stride_h() + ky * dilation_h()) - i32(pad_h());
    let ix = i32((${p} % out_w()) * stride_w() + kx * dilation_w()) - i32(pad_w());
    if (iy < 0 || ix < 0 || iy >= i32(height()) || ix >= i32(width())) { continue; }
    total = total + ${read('dy', `(${n} * out_channels() + oc) * positions + ${p}`)} * ${read('x', `((${n} * channels() + c) * height() + u32(iy)) * width() + u32(ix)`)};`;
  const tapSetup = `  let taps = kernel_h() * kernel_w();
  let oc = tap_index / taps;
  let ky = (tap_index % taps) / kernel_w();
  let kx = tap_index % kernel_w();
  let c = oc / group_out_channels();
  let positions = out_h() * out_w();`;
  if (style === 'software') {
    return `${head}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'dy', dtype, 'read')}
${bindingWgsl(3, 'dw', dtype, 'read_write')}
${mainHeader(64)}
  let tap_index = index;
  if (tap_index >= pu(0u)) { return; }
${tapSetup}
  var total = 0.0;
  for (var item = 0u; item < batch() * positions; item = item + 1u) {
    let n = item / positions;
    let p = item % positions;${tapTerm('n', 'p')}
  }
  let value = total;
  dw[tap_index] = ${fromCompute('value', 'f32', dtype)};
}
`;
  }
  return `${head}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'dy', dtype, 'read')}
${bindingWgsl(3, 'dw', dtype, 'read_write')}
var<workgroup> partial: array<f32, ${DEPTHWISE_FILTER_WORKGROUP}>;
@compute @workgroup_size(${DEPTHWISE_FILTER_WORKGROUP})
fn main(@builtin(workgroup_id) workgroupId: vec3<u32>, @builtin(num_workgroups) workgroups: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let tap_index = workgroupId.y * workgroups.x + workgroupId.x;
  if (tap_index >= pu(0u)) { return; }
${tapSetup}
  var total = 0.0;
  for (var item = local; item < batch() * positions; item = item + ${DEPTHWISE_FILTER_WORKGROUP}u) {
    let n = item / positions;
    let p = item % positions;${tapTerm('n', 'p')}
  }
  partial[local] = total;
  workgroupBarrier();
  for (var stride = ${DEPTHWISE_FILTER_WORKGROUP / 2}u; stride > 0u; stride = stride >> 1u) {
    if (local < stride) { partial[local] = partial[local] + partial[local + stride]; }
    workgroupBarrier();
  }
  if (local == 0u) {
    let value = partial[0];
    dw[tap_index] = ${fromCompute('value', 'f32', dtype)};
  }
}
`;
}
