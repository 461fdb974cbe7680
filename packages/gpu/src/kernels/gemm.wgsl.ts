import type { DType } from '@mmpt/tensor';
import { MATH_WGSL, PARAMS_WGSL, enables } from './wgsl-common';

/** Columns of a workgroup's output tile and the depth of one shared-memory step (tiled style). */
export const GEMM_TILE = { columns: 64, depth: 16 } as const;

/** Output tile of one workgroup of the direct style: 8×8 threads of 4×4 blocks. */
export const DIRECT_TILE = 32;

/** Rows and columns of the large tiled variant's output tile (16×16 threads of 8×8 blocks), and its depth step. */
export const LARGE_TILE = { size: 128, depth: 8 } as const;

/** Parameter words of the GEMM itself; operand parameters start after them. */
export const GEMM_WORDS = 8;

/**
 * A variant of the GEMM. The `tiled` style stages operand slices in workgroup memory, with 4 rows
 * per thread (64-row tiles) for tall products or 1 (16-row tiles) for products of few rows; the
 * `direct` style has no workgroup memory and no barriers (each thread reads its operands and
 * computes a 4×4 block), which software adapters such as lavapipe compile in a fraction of the
 * time and run faster. `splitK` makes each workgroup sum a slice of the depth into float32
 * partials, summed afterwards (for few, deep tiles); each part's partials lie in the result's own
 * layout (see {@link PARTIAL_WGSL}), so that the sum lands where `store_c` would write.
 */
export interface GemmVariant {
  readonly style: 'tiled' | 'direct';
  /** Tiled style: 1 or 4 rows of 4 columns per thread (16- or 64-row tiles of 64 columns), or 8 rows of 8 columns (128×128 tiles, {@link LARGE_TILE}; never split). */
  readonly rowsPerThread: 1 | 4 | 8;
  readonly splitK: boolean;
}

/** A GEMM-shaped kernel: how it reads its two operands and writes its result. */
export interface GemmShader {
  /** Dtypes of the bindings (enables f16 when one is float16). */
  readonly dtypes: readonly DType[];
  /**
   * Binding declarations 1 and 2 (the operands) and, unless split, 3 (the result). With
   * `splitK` the generator declares binding 3 itself: `partial`, float32.
   */
  readonly bindings: string;
  /**
   * WGSL defining `load_a(row, depth) -> f32`, `load_b(depth, column) -> f32` (called in bounds
   * only) and, unless split, `store_c(row, column, value: f32)`. They may read the private `slice`
   * (the batch or group) and parameter words from {@link GEMM_WORDS} on.
   */
  readonly operands: string;
  /** Which index of A (B) is contiguous in memory: consecutive threads stage along it. */
  readonly aFast: 'row' | 'depth';
  readonly bFast: 'depth' | 'column';
}

/**
 * WGSL of the index of a split GEMM's partial for workgroup z (part `z % parts` of slice
 * `z / parts`), row and column. Part `p` holds a whole result, laid out as the result itself:
 * columns form blocks of `blockColumns` (a convolution's image planes), and the result is
 * `[column block, slice, row, column in block]` (a plain `[slice, row, column]` when one block
 * spans all columns).
 */
const PARTIAL_WGSL = `fn partial_at(z: u32, row: u32, column: u32) -> u32 {
  let m = pu(0u);
  let n = pu(1u);
  let parts = pu(4u);
  let slices = pu(6u);
  let block = pu(7u);
  return (z % parts) * slices * m * n + (((column / block) * slices + z / parts) * m + row) * block + column % block;
}`;

/**
 * WGSL of a tiled GEMM `C = A · B` (`m × k` times `k × n`) in float32 accumulation, where A, B and C
 * are functions of their indices — a matrix product, or a convolution's implicit im2col. 16×16
 * threads compute a (16·rowsPerThread)×64 tile, each thread `rowsPerThread` rows of 4 columns in
 * vec4 accumulators, from slices staged in workgroup memory. Parameters:
 * `[m, n, k, sliceOffset, parts, depthPerPart, slices, blockColumns, ...operand words]`; workgroups:
 * (column tiles, row tiles, slices × parts).
 */
export function gemmWgsl(shader: GemmShader, variant: GemmVariant): string {
  if (variant.style === 'direct') return directGemmWgsl(shader, variant);
  if (variant.rowsPerThread === 8) return largeGemmWgsl(shader);
  const { columns, depth } = GEMM_TILE;
  const perThread = variant.rowsPerThread;
  const rows = 16 * perThread;
  const stageA =
    shader.aFast === 'depth'
      ? `let r = e / ${depth}u; let d = e % ${depth}u;`
      : `let d = e / ${rows}u; let r = e % ${rows}u;`;
  const stageB =
    shader.bFast === 'column'
      ? `let d = e / ${columns}u; let c = e % ${columns}u;`
      : `let c = e / ${depth}u; let d = e % ${depth}u;`;
  const accumulate = Array.from(
    { length: perThread },
    (_, i) => `      acc[${i}] = acc[${i}] + tile_a[d][thread.y + ${16 * i}u] * bv;`,
  ).join('\n');
  const store = variant.splitK
    ? 'partial[partial_at(z, row, column)] = acc[i][j];'
    : 'store_c(row, column, acc[i][j]);';
  return `${enables(shader.dtypes)}${PARAMS_WGSL}${MATH_WGSL}
${shader.bindings}
${variant.splitK ? `@group(0) @binding(3) var<storage, read_write> partial: array<f32>;\n${PARTIAL_WGSL}` : ''}
var<private> slice: u32;
${shader.operands}
var<workgroup> tile_a: array<array<f32, ${rows}>, ${depth}>;
var<workgroup> tile_b: array<array<f32, ${columns}>, ${depth}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) thread: vec3<u32>, @builtin(local_invocation_index) local: u32) {
  let m = pu(0u);
  let n = pu(1u);
  let parts = pu(4u);
  let z = group.z + pu(3u);
  slice = z / parts;
  let k_begin = (z % parts) * pu(5u);
  let k_end = min(pu(2u), k_begin + pu(5u));
  let row0 = group.y * ${rows}u;
  let column0 = group.x * ${columns}u;
  var acc: array<vec4<f32>, ${perThread}>;
  for (var k0 = k_begin; k0 < k_end; k0 = k0 + ${depth}u) {
    for (var step = 0u; step < ${(rows * depth) / 256}u; step = step + 1u) {
      let e = local + step * 256u;
      ${stageA}
      var value = 0.0;
      if (row0 + r < m && k0 + d < k_end) { value = load_a(row0 + r, k0 + d); }
      tile_a[d][r] = value;
    }
    for (var step = 0u; step < ${(columns * depth) / 256}u; step = step + 1u) {
      let e = local + step * 256u;
      ${stageB}
      var value = 0.0;
      if (column0 + c < n && k0 + d < k_end) { value = load_b(k0 + d, column0 + c); }
      tile_b[d][c] = value;
    }
    workgroupBarrier();
    for (var d = 0u; d < ${depth}u; d = d + 1u) {
      let bv = vec4<f32>(tile_b[d][thread.x], tile_b[d][thread.x + 16u], tile_b[d][thread.x + 32u], tile_b[d][thread.x + 48u]);
${accumulate}
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${perThread}u; i = i + 1u) {
    let row = row0 + thread.y + i * 16u;
    if (row >= m) { continue; }
    for (var j = 0u; j < 4u; j = j + 1u) {
      let column = column0 + thread.x + j * 16u;
      if (column < n) { ${store} }
    }
  }
}
`;
}

/**
 * WGSL of the large tiled variant: 16×16 threads per 128×128 tile, each thread 8 rows × 8 columns
 * (rows `4·y..4·y+3` and `64+4·y..`, columns likewise from x), the operands staged 8 deep in
 * workgroup memory as vec4 quads, so that each depth step reads 4 vec4 and does 64 multiply-adds
 * (the 64-column variant reads 8 scalars for 16). For products with many tiles; never split.
 */
function largeGemmWgsl(shader: GemmShader): string {
  const { size, depth } = LARGE_TILE;
  const perStage = (size * depth) / 256;
  const stageA = shader.aFast === 'depth' ? `let r = e / ${depth}u; let d = e % ${depth}u;` : `let d = e / ${size}u; let r = e % ${size}u;`;
  const stageB = shader.bFast === 'column' ? `let d = e / ${size}u; let c = e % ${size}u;` : `let c = e / ${depth}u; let d = e % ${depth}u;`;
  const lanes = ['x', 'y', 'z', 'w'];
  const accumulate = [0, 1]
    .flatMap((half) => lanes.map((lane, index) => `      acc[${half * 4 + index}][0] = acc[${half * 4 + index}][0] + a${half}.${lane} * b0;\n      acc[${half * 4 + index}][1] = acc[${half * 4 + index}][1] + a${half}.${lane} * b1;`))
    .join('\n');
  return `${enables(shader.dtypes)}${PARAMS_WGSL}${MATH_WGSL}
${shader.bindings}
var<private> slice: u32;
${shader.operands}
var<workgroup> tile_a: array<array<vec4<f32>, ${size / 4}>, ${depth}>;
var<workgroup> tile_b: array<array<vec4<f32>, ${size / 4}>, ${depth}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) thread: vec3<u32>, @builtin(local_invocation_index) local: u32) {
${prologue()}
  let row0 = group.y * ${size}u;
  let column0 = group.x * ${size}u;
  var acc: array<array<vec4<f32>, 2>, 8>;
  for (var k0 = k_begin; k0 < k_end; k0 = k0 + ${depth}u) {
    for (var step = 0u; step < ${perStage}u; step = step + 1u) {
      let e = local + step * 256u;
      ${stageA}
      var value = 0.0;
      if (row0 + r < m && k0 + d < k_end) { value = load_a(row0 + r, k0 + d); }
      tile_a[d][r / 4u][r % 4u] = value;
    }
    for (var step = 0u; step < ${perStage}u; step = step + 1u) {
      let e = local + step * 256u;
      ${stageB}
      var value = 0.0;
      if (column0 + c < n && k0 + d < k_end) { value = load_b(k0 + d, column0 + c); }
      tile_b[d][c / 4u][c % 4u] = value;
    }
    workgroupBarrier();
    for (var d = 0u; d < ${depth}u; d = d + 1u) {
      let a0 = tile_a[d][thread.y];
      let a1 = tile_a[d][thread.y + 16u];
      let b0 = tile_b[d][thread.x];
      let b1 = tile_b[d][thread.x + 16u];
${accumulate}
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 8u; i = i + 1u) {
    let row = row0 + (i / 4u) * 64u + thread.y * 4u + i % 4u;
    if (row >= m) { continue; }
    for (var j = 0u; j < 8u; j = j + 1u) {
      let column = column0 + (j / 4u) * 64u + thread.x * 4u + j % 4u;
      if (column < n) { store_c(row, column, acc[i][j / 4u][j % 4u]); }
    }
  }
}
`;
}

/** The GEMM prologue shared by both styles: sizes, the slice and the depth range of this workgroup. */
function prologue(): string {
  return `  let m = pu(0u);
  let n = pu(1u);
  let parts = pu(4u);
  let z = group.z + pu(3u);
  slice = z / parts;
  let k_begin = (z % parts) * pu(5u);
  let k_end = min(pu(2u), k_begin + pu(5u));`;
}

/**
 * WGSL of the direct GEMM style: 8×8 threads per 32×32 tile, each thread a 4×4 block accumulated
 * straight from the operands (no workgroup memory, no barriers). Same parameters and workgroup
 * grid as {@link gemmWgsl}, with 32×32 tiles.
 */
function directGemmWgsl(shader: GemmShader, variant: GemmVariant): string {
  const store = variant.splitK ? 'partial[partial_at(z, row, column)] = acc[i][j];' : 'store_c(row, column, acc[i][j]);';
  return `${enables(shader.dtypes)}${PARAMS_WGSL}${MATH_WGSL}
${shader.bindings}
${variant.splitK ? `@group(0) @binding(3) var<storage, read_write> partial: array<f32>;\n${PARTIAL_WGSL}` : ''}
var<private> slice: u32;
${shader.operands}
@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) thread: vec3<u32>) {
${prologue()}
  let row0 = group.y * ${DIRECT_TILE}u + thread.y * 4u;
  let column0 = group.x * ${DIRECT_TILE}u + thread.x * 4u;
  if (row0 >= m || column0 >= n) { return; }
  let rows = min(4u, m - row0);
  let columns = min(4u, n - column0);
  var acc: array<vec4<f32>, 4>;
  for (var d = k_begin; d < k_end; d = d + 1u) {
    var bv = vec4<f32>(0.0);
    for (var j = 0u; j < columns; j = j + 1u) { bv[j] = load_b(d, column0 + j); }
    for (var i = 0u; i < rows; i = i + 1u) { acc[i] = acc[i] + load_a(row0 + i, d) * bv; }
  }
  for (var i = 0u; i < rows; i = i + 1u) {
    let row = row0 + i;
    for (var j = 0u; j < columns; j = j + 1u) {
      let column = column0 + j;
      ${store}
    }
  }
}
`;
}
