import type { DType } from '@mmpt/tensor';
import { convParamsWgsl } from './conv2d-geometry';
import { GEMM_WORDS, type GemmVariant, gemmWgsl } from './gemm.wgsl';
import { bindingWgsl, fromCompute, toCompute } from './wgsl-common';

/** Which product of a convolution a GEMM computes. */
export type ConvPass = 'forward' | 'backwardInput' | 'backwardFilter';

/** First parameter word of the convolution geometry (after the GEMM's own words). */
const GEOMETRY = GEMM_WORDS;

/**
 * WGSL reading the implicit im2col matrix of group `slice`: row `r` = (channel, ky, kx) of the
 * group, column = (image, output position). A pointwise convolution reads the input directly.
 */
function im2colWgsl(dtype: DType, pointwise: boolean): string {
  const read = (at: string) => toCompute(`x[${at}]`, dtype, 'f32');
  if (pointwise) {
    return `fn im2col(r: u32, column: u32) -> f32 {
  let positions = out_h() * out_w();
  let n = column / positions;
  let p = column % positions;
  return ${read('(n * channels() + slice * group_channels() + r) * positions + p')};
}`;
  }
  return `fn im2col(r: u32, column: u32) -> f32 {
  let positions = out_h() * out_w();
  let n = column / positions;
  let p = column % positions;
  let taps = kernel_h() * kernel_w();
  let c = r / taps;
  let t = r % taps;
  let iy = i32((p / out_w()) * stride_h() + (t / kernel_w()) * dilation_h()) - i32(pad_h());
  let ix = i32((p % out_w()) * stride_w() + (t % kernel_w()) * dilation_w()) - i32(pad_w());
  if (iy < 0 || ix < 0 || iy >= i32(height()) || ix >= i32(width())) { return 0.0; }
  return ${read('((n * channels() + slice * group_channels() + c) * height() + u32(iy)) * width() + u32(ix)')};
}`;
}

/**
 * WGSL of one pass of a grouped NCHW/OIHW convolution as an implicit GEMM (no column matrix in
 * memory); the group is the workgroup z index.
 *
 * - forward: `y_g[o, (n, p)] = Σ_r w_g[o, r] · im2col_g[r, (n, p)]` (m = Og, n = N·P, k = Cg·kh·kw)
 * - backwardInput: `dx_g[c, (n, s)] = Σ_(o, t) w_g[o, c, t] · dy_g[o, (n, s ↦ output tap)]`
 *   (m = Cg, n = N·H·W, k = Og·kh·kw), reading the output gradient where a tap lands on a stride
 * - backwardFilter: `dw_g[o, r] = Σ_(n, p) dy_g[o, (n, p)] · im2col_g[r, (n, p)]` (m = Og, n = Cg·kh·kw, k = N·P)
 */
export function convWgsl(pass: ConvPass, dtype: DType, pointwise: boolean, variant: GemmVariant): string {
  const read = (name: string, at: string) => toCompute(`${name}[${at}]`, dtype, 'f32');
  const write = (name: string, at: string) => `${name}[${at}] = ${fromCompute('value', 'f32', dtype)};`;
  const result = (declaration: string) => (variant.splitK ? '' : declaration);
  const accessors = convParamsWgsl(GEOMETRY);
  if (pass === 'forward') {
    return gemmWgsl({
      dtypes: [dtype],
      bindings: [bindingWgsl(1, 'x', dtype, 'read'), bindingWgsl(2, 'w', dtype, 'read'), result(bindingWgsl(3, 'y', dtype, 'read_write'))].join('\n'),
      operands: `${accessors}
${im2colWgsl(dtype, pointwise)}
fn load_a(row: u32, depth: u32) -> f32 { return ${read('w', '(slice * group_out_channels() + row) * pu(2u) + depth')}; }
fn load_b(depth: u32, column: u32) -> f32 { return im2col(depth, column); }
${result(`fn store_c(row: u32, column: u32, value: f32) {
  let positions = out_h() * out_w();
  ${write('y', '((column / positions) * out_channels() + slice * group_out_channels() + row) * positions + column % positions')}
}`)}`,
      aFast: 'depth',
      bFast: 'column',
    }, variant);
  }
  if (pass === 'backwardFilter') {
    return gemmWgsl({
      dtypes: [dtype],
      bindings: [bindingWgsl(1, 'x', dtype, 'read'), bindingWgsl(2, 'dy', dtype, 'read'), result(bindingWgsl(3, 'dw', dtype, 'read_write'))].join('\n'),
      operands: `${accessors}
${im2colWgsl(dtype, pointwise)}
fn load_a(row: u32, depth: u32) -> f32 {
  let positions = out_h() * out_w();
  return ${read('dy', '((depth / positions) * out_channels() + slice * group_out_channels() + row) * positions + depth % positions')};
}
fn load_b(depth: u32, column: u32) -> f32 { return im2col(column, depth); }
${result(`fn store_c(row: u32, column: u32, value: f32) { ${write('dw', '(slice * group_out_channels() + row) * pu(1u) + column')} }`)}`,
      aFast: 'depth',
      bFast: 'depth',
    }, variant);
  }
  const gradient = pointwise
    ? `fn output_gradient(q: u32, column: u32) -> f32 {
  let plane = height() * width();
  return ${read('dy', '((column / plane) * out_channels() + slice * group_out_channels() + q) * plane + column % plane')};
}`
    : `fn output_gradient(q: u32, column: u32) -> f32 {
  let plane = height() * width();
  let n = column / plane;
  let s = column % plane;
  let taps = kernel_h() * kernel_w();
  let o = q / taps;
  let t = q % taps;
  let ny = i32(s / width() + pad_h()) - i32((t / kernel_w()) * dilation_h());
  let nx = i32(s % width() + pad_w()) - i32((t % kernel_w()) * dilation_w());
  if (ny < 0 || nx < 0) { return 0.0; }
  let uy = u32(ny);
  let ux = u32(nx);
  if (uy % stride_h() != 0u || ux % stride_w() != 0u) { return 0.0; }
  let oy = uy / stride_h();
  let ox = ux / stride_w();
  if (oy >= out_h() || ox >= out_w()) { return 0.0; }
  return ${read('dy', '((n * out_channels() + slice * group_out_channels() + o) * out_h() + oy) * out_w() + ox')};
}`;
  return gemmWgsl({
    dtypes: [dtype],
    bindings: [bindingWgsl(1, 'dy', dtype, 'read'), bindingWgsl(2, 'w', dtype, 'read'), result(bindingWgsl(3, 'dx', dtype, 'read_write'))].join('\n'),
    operands: `${accessors}
${gradient}
fn load_a(row: u32, depth: u32) -> f32 {
  let taps = kernel_h() * kernel_w();
  return ${read('w', '((slice * group_out_channels() + depth / taps) * group_channels() + row) * taps + depth % taps')};
}
fn load_b(depth: u32, column: u32) -> f32 { return output_gradient(depth, column); }
${result(`fn store_c(row: u32, column: u32, value: f32) {
  let plane = height() * width();
  ${write('dx', '((column / plane) * channels() + slice * group_channels() + row) * plane + column % plane')}
}`)}`,
    aFast: 'depth',
    bFast: 'column',
  }, variant);
}
