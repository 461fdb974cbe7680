import { dispatchGemm } from './gemm';
import type { GpuKernel } from './kernel-context';
import { matmulWgsl } from './matmul.wgsl';

/** Batched matrix product of `[batchA, m, k]` and `[batchB, k, n]` (optionally transposed); a batch of 1 broadcasts. */
export const matmulKernel: GpuKernel<{ transposeA: boolean; transposeB: boolean }> = (context, [left, right], [output], { transposeA, transposeB }) => {
  const [batchA, rowsA, columnsA] = left!.shape as [number, number, number];
  const [batchB, rowsB, columnsB] = right!.shape as [number, number, number];
  const [batch, m, n] = output!.shape as [number, number, number];
  const dtype = output!.dtype;
  dispatchGemm(context, {
    key: `${dtype}|${transposeA ? 't' : 'n'}${transposeB ? 't' : 'n'}`,
    wgsl: (variant) => matmulWgsl(dtype, transposeA, transposeB, variant),
    m,
    n,
    k: transposeA ? rowsA : columnsA,
    slices: batch,
    params: [columnsA, columnsB, batchA === 1 ? 0 : rowsA * columnsA, batchB === 1 ? 0 : rowsB * columnsB],
    operands: [left!.storage, right!.storage],
    output: output!.storage,
    outputDtype: dtype,
    splittable: true,
  });
};
