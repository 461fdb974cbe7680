import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/**
 * Pooling parameters: `[count, height, width, outH, outW, kernelH, kernelW, strideH, strideW,
 * padH, padW, dilationH, dilationW, countIncludePad, hasDivisor, divisor (f32 bits)]`.
 */
const POOL_PARAMS_WGSL = `
fn height() -> u32 { return pu(1u); }
fn width() -> u32 { return pu(2u); }
fn out_h() -> u32 { return pu(3u); }
fn out_w() -> u32 { return pu(4u); }
fn kernel_h() -> i32 { return pi(5u); }
fn kernel_w() -> i32 { return pi(6u); }
fn stride_h() -> i32 { return pi(7u); }
fn stride_w() -> i32 { return pi(8u); }
fn pad_h() -> i32 { return pi(9u); }
fn pad_w() -> i32 { return pi(10u); }
fn dilation_h() -> i32 { return pi(11u); }
fn dilation_w() -> i32 { return pi(12u); }
fn ceil_div(a: i32, b: i32) -> i32 { return select(a / b, -((-a) / b), a < 0) + select(0, 1, a > 0 && a % b != 0); }
fn floor_div(a: i32, b: i32) -> i32 { return select(a / b, -((-a + b - 1) / b), a < 0); }
`;

function head(dtypes: readonly DType[]): string {
  return `${enables(dtypes)}${PARAMS_WGSL}${MATH_WGSL}${POOL_PARAMS_WGSL}`;
}

/**
 * WGSL of max pooling, one thread per output: PyTorch's rules (padding is -infinity, the first
 * maximum wins, NaN propagates — the last NaN, as the CPU kernel), with the int32 index
 * `iy * width + ix` of each maximum in its plane.
 */
export function maxPoolWgsl(dtype: DType): string {
  return `${head([dtype])}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'y', dtype, 'read_write')}
${bindingWgsl(3, 'indices', 'int32', 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ox = i32(index % out_w());
  let oy = i32((index / out_w()) % out_h());
  let plane = index / (out_w() * out_h());
  let base = plane * height() * width();
  var y0 = oy * stride_h() - pad_h();
  let y1 = min(y0 + (kernel_h() - 1) * dilation_h() + 1, i32(height()));
  while (y0 < 0) { y0 = y0 + dilation_h(); }
  var x0 = ox * stride_w() - pad_w();
  let x1 = min(x0 + (kernel_w() - 1) * dilation_w() + 1, i32(width()));
  while (x0 < 0) { x0 = x0 + dilation_w(); }
  var best = -inf_f32();
  var best_index = y0 * i32(width()) + x0;
  for (var iy = y0; iy < y1; iy = iy + dilation_h()) {
    for (var ix = x0; ix < x1; ix = ix + dilation_w()) {
      let at = iy * i32(width()) + ix;
      let value = ${toCompute('x[base + u32(at)]', dtype, 'f32')};
      if (value > best || is_nan(value)) {
        best = value;
        best_index = at;
      }
    }
  }
  y[index] = ${fromCompute('best', 'f32', dtype)};
  indices[index] = best_index;
}
`;
}

/**
 * WGSL of the max-pooling gradient, one thread per input element: it sums the output gradients
 * of the windows that can contain it and recorded it as their maximum (no atomics, deterministic).
 */
export function maxPoolBackwardWgsl(dtype: DType): string {
  return `${head([dtype])}
${bindingWgsl(1, 'dy', dtype, 'read')}
${bindingWgsl(2, 'indices', 'int32', 'read')}
${bindingWgsl(3, 'dx', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ix = i32(index % width());
  let iy = i32((index / width()) % height());
  let plane = index / (width() * height());
  let base = plane * out_h() * out_w();
  let at = iy * i32(width()) + ix;
  let oy0 = max(0, ceil_div(iy + pad_h() - (kernel_h() - 1) * dilation_h(), stride_h()));
  let oy1 = min(i32(out_h()) - 1, floor_div(iy + pad_h(), stride_h()));
  let ox0 = max(0, ceil_div(ix + pad_w() - (kernel_w() - 1) * dilation_w(), stride_w()));
  let ox1 = min(i32(out_w()) - 1, floor_div(ix + pad_w(), stride_w()));
  var total = 0.0;
  for (var oy = oy0; oy <= oy1; oy = oy + 1) {
    for (var ox = ox0; ox <= ox1; ox = ox + 1) {
      let o = base + u32(oy) * out_w() + u32(ox);
      if (indices[o] == at) { total = total + ${toCompute('dy[o]', dtype, 'f32')}; }
    }
  }
  dx[index] = ${fromCompute('total', 'f32', dtype)};
}
`;
}

/** WGSL computing the clipped window (y0, y1, x0, x1) and divisor of average-pooling output (oy, ox), PyTorch's rules. */
const AVERAGE_WINDOW_WGSL = `
struct Window { y0: i32, y1: i32, x0: i32, x1: i32, divisor: f32 }
fn average_window(oy: i32, ox: i32) -> Window {
  var y0 = oy * stride_h() - pad_h();
  var x0 = ox * stride_w() - pad_w();
  var y1 = min(y0 + kernel_h(), i32(height()) + pad_h());
  var x1 = min(x0 + kernel_w(), i32(width()) + pad_w());
  let padded = f32((y1 - y0) * (x1 - x0));
  y0 = max(y0, 0);
  x0 = max(x0, 0);
  y1 = min(y1, i32(height()));
  x1 = min(x1, i32(width()));
  var divisor = f32((y1 - y0) * (x1 - x0));
  if (pu(13u) != 0u) { divisor = padded; }
  if (pu(14u) != 0u) { divisor = pf(15u); }
  return Window(y0, y1, x0, x1, divisor);
}
`;

/** WGSL of average pooling, one thread per output. */
export function avgPoolWgsl(dtype: DType): string {
  return `${head([dtype])}${AVERAGE_WINDOW_WGSL}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'y', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ox = i32(index % out_w());
  let oy = i32((index / out_w()) % out_h());
  let base = (index / (out_w() * out_h())) * height() * width();
  let window = average_window(oy, ox);
  var total = 0.0;
  for (var iy = window.y0; iy < window.y1; iy = iy + 1) {
    for (var ix = window.x0; ix < window.x1; ix = ix + 1) {
      total = total + ${toCompute('x[base + u32(iy) * width() + u32(ix)]', dtype, 'f32')};
    }
  }
  var value = 0.0;
  if (window.y0 < window.y1 && window.x0 < window.x1) { value = total / window.divisor; }
  y[index] = ${fromCompute('value', 'f32', dtype)};
}
`;
}

/** WGSL of the average-pooling gradient, one thread per input element gathering from the windows that contain it. */
export function avgPoolBackwardWgsl(dtype: DType): string {
  return `${head([dtype])}${AVERAGE_WINDOW_WGSL}
${bindingWgsl(1, 'dy', dtype, 'read')}
${bindingWgsl(2, 'dx', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ix = i32(index % width());
  let iy = i32((index / width()) % height());
  let base = (index / (width() * height())) * out_h() * out_w();
  let oy0 = max(0, ceil_div(iy + pad_h() - kernel_h() + 1, stride_h()));
  let oy1 = min(i32(out_h()) - 1, floor_div(iy + pad_h(), stride_h()));
  let ox0 = max(0, ceil_div(ix + pad_w() - kernel_w() + 1, stride_w()));
  let ox1 = min(i32(out_w()) - 1, floor_div(ix + pad_w(), stride_w()));
  var total = 0.0;
  for (var oy = oy0; oy <= oy1; oy = oy + 1) {
    for (var ox = ox0; ox <= ox1; ox = ox + 1) {
      let window = average_window(oy, ox);
      if (iy >= window.y0 && iy < window.y1 && ix >= window.x0 && ix < window.x1) {
        total = total + ${toCompute('dy[base + u32(oy) * out_w() + u32(ox)]', dtype, 'f32')} / window.divisor;
      }
    }
  }
  dx[index] = ${fromCompute('total', 'f32', dtype)};
}
`;
}

/** Adaptive pooling parameters: `[count, height, width, outH, outW]`. Window of cell i: `[floor(i·in/out), ceil((i+1)·in/out))`. */
const ADAPTIVE_WGSL = `
fn window_start(i: u32, size: u32, out: u32) -> u32 { return (i * size) / out; }
fn window_end(i: u32, size: u32, out: u32) -> u32 { return ((i + 1u) * size + out - 1u) / out; }
`;

/** WGSL of adaptive average pooling, one thread per output. */
export function adaptiveAvgPoolWgsl(dtype: DType): string {
  return `${head([dtype])}${ADAPTIVE_WGSL}
${bindingWgsl(1, 'x', dtype, 'read')}
${bindingWgsl(2, 'y', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ox = index % out_w();
  let oy = (index / out_w()) % out_h();
  let base = (index / (out_w() * out_h())) * height() * width();
  let y0 = window_start(oy, height(), out_h());
  let y1 = window_end(oy, height(), out_h());
  let x0 = window_start(ox, width(), out_w());
  let x1 = window_end(ox, width(), out_w());
  var total = 0.0;
  for (var iy = y0; iy < y1; iy = iy + 1u) {
    for (var ix = x0; ix < x1; ix = ix + 1u) { total = total + ${toCompute('x[base + iy * width() + ix]', dtype, 'f32')}; }
  }
  let value = total / f32((y1 - y0) * (x1 - x0));
  y[index] = ${fromCompute('value', 'f32', dtype)};
}
`;
}

/** WGSL of the adaptive average-pooling gradient, one thread per input element. */
export function adaptiveAvgPoolBackwardWgsl(dtype: DType): string {
  return `${head([dtype])}${ADAPTIVE_WGSL}
${bindingWgsl(1, 'dy', dtype, 'read')}
${bindingWgsl(2, 'dx', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let ix = index % width();
  let iy = (index / width()) % height();
  let base = (index / (width() * height())) * out_h() * out_w();
  let oy0 = max(i32((iy * out_h()) / height()) - 1, 0);
  let oy1 = min(i32(((iy + 1u) * out_h()) / height()) + 1, i32(out_h()) - 1);
  let ox0 = max(i32((ix * out_w()) / width()) - 1, 0);
  let ox1 = min(i32(((ix + 1u) * out_w()) / width()) + 1, i32(out_w()) - 1);
  var total = 0.0;
  for (var oy = u32(oy0); i32(oy) <= oy1; oy = oy + 1u) {
    let y0 = window_start(oy, height(), out_h());
    let y1 = window_end(oy, height(), out_h());
    if (iy < y0 || iy >= y1) { continue; }
    for (var ox = u32(ox0); i32(ox) <= ox1; ox = ox + 1u) {
      let x0 = window_start(ox, width(), out_w());
      let x1 = window_end(ox, width(), out_w());
      if (ix < x0 || ix >= x1) { continue; }
      total = total + ${toCompute('dy[base + oy * out_w() + ox]', dtype, 'f32')} / f32((y1 - y0) * (x1 - x0));
    }
  }
  dx[index] = ${fromCompute('total', 'f32', dtype)};
}
`;
}
