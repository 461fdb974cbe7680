import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, bindingWgsl, enables, fromCompute, mainHeader, toCompute } from './wgsl-common';

/**
 * WGSL of `interpolate`, one thread per output: `Σ_i rowWeight_i · Σ_j columnWeight_j · x[row_i, column_j]`
 * with the taps from a table (`[row indices, row weights, column indices, column weights]`).
 * Parameters: `[count, height, width, outH, outW, taps, columnTableOffset]`.
 */
export function interpolateWgsl(dtype: DType): string {
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'x', dtype, 'read')}
@group(0) @binding(2) var<storage, read> taps: array<u32>;
${bindingWgsl(3, 'y', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let width = pu(2u);
  let out_h = pu(3u);
  let out_w = pu(4u);
  let count = pu(5u);
  let columns = pu(6u);
  let ox = index % out_w;
  let oy = (index / out_w) % out_h;
  let base = (index / (out_w * out_h)) * pu(1u) * width;
  var total = 0.0;
  for (var i = 0u; i < count; i = i + 1u) {
    let row = taps[oy * count + i];
    let row_weight = bitcast<f32>(taps[out_h * count + oy * count + i]);
    var row_total = 0.0;
    for (var j = 0u; j < count; j = j + 1u) {
      let column = taps[columns + ox * count + j];
      let column_weight = bitcast<f32>(taps[columns + out_w * count + ox * count + j]);
      row_total = row_total + column_weight * ${toCompute('x[base + row * width + column]', dtype, 'f32')};
    }
    total = total + row_weight * row_total;
  }
  y[index] = ${fromCompute('total', 'f32', dtype)};
}
`;
}

/**
 * WGSL of one axis of the `interpolate` gradient: the tensor `[outer, outSize, inner]` becomes
 * `[outer, inSize, inner]`, each element summing the gradients of the output positions that read
 * it (from the adjoint table `[offsets, outputs, weights]`). Parameters: `[count, inSize, outSize,
 * inner, entries]`.
 */
export function interpolateAdjointWgsl(dtype: DType): string {
  return `${enables([dtype])}${PARAMS_WGSL}${MATH_WGSL}
${bindingWgsl(1, 'dy', dtype, 'read')}
@group(0) @binding(2) var<storage, read> adjoint: array<u32>;
${bindingWgsl(3, 'dx', dtype, 'read_write')}
${mainHeader(256)}
  if (index >= pu(0u)) { return; }
  let in_size = pu(1u);
  let out_size = pu(2u);
  let inner = pu(3u);
  let entries = pu(4u);
  let i = index % inner;
  let position = (index / inner) % in_size;
  let outer = index / (inner * in_size);
  var total = 0.0;
  for (var slot = adjoint[position]; slot < adjoint[position + 1u]; slot = slot + 1u) {
    let output = adjoint[in_size + 1u + slot];
    let weight = bitcast<f32>(adjoint[in_size + 1u + entries + slot]);
    total = total + weight * ${toCompute('dy[(outer * out_size + output) * inner + i]', dtype, 'f32')};
  }
  dx[index] = ${fromCompute('total', 'f32', dtype)};
}
`;
}
