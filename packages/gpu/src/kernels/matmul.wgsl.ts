import type { DType } from '@mmpt/tensor';
import { GEMM_WORDS, type GemmVariant, gemmWgsl } from './gemm.wgsl';
import { bindingWgsl, fromCompute, toCompute } from './wgsl-common';

/**
 * WGSL of a batched matrix product `C[b] = op(A[b]) · op(B[b])` on the tiled GEMM. Operand words:
 * `[columnsA, columnsB, batchStrideA, batchStrideB]`; the batch is the GEMM slice (a stride of 0
 * broadcasts).
 */
export function matmulWgsl(dtype: DType, transposeA: boolean, transposeB: boolean, variant: GemmVariant): string {
  const w = (offset: number) => `pu(${GEMM_WORDS + offset}u)`;
  const a = transposeA ? `a[slice * ${w(2)} + depth * ${w(0)} + row]` : `a[slice * ${w(2)} + row * ${w(0)} + depth]`;
  const b = transposeB ? `b[slice * ${w(3)} + column * ${w(1)} + depth]` : `b[slice * ${w(3)} + depth * ${w(1)} + column]`;
  return gemmWgsl(
    {
      dtypes: [dtype],
      bindings: [bindingWgsl(1, 'a', dtype, 'read'), bindingWgsl(2, 'b', dtype, 'read'), variant.splitK ? '' : bindingWgsl(3, 'c', dtype, 'read_write')].join('\n'),
      operands: `
fn load_a(row: u32, depth: u32) -> f32 { return ${toCompute(a, dtype, 'f32')}; }
fn load_b(depth: u32, column: u32) -> f32 { return ${toCompute(b, dtype, 'f32')}; }
${variant.splitK ? '' : `fn store_c(row: u32, column: u32, value: f32) { c[(slice * pu(0u) + row) * pu(1u) + column] = ${fromCompute('value', 'f32', dtype)}; }`}
`,
      aFast: transposeA ? 'row' : 'depth',
      bFast: transposeB ? 'depth' : 'column',
    },
    variant,
  );
}
