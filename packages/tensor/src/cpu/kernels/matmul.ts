import type { CpuKernel } from '../cpu-tensor';

/** Batched matrix product through the WebAssembly GEMM (a batch of 1 broadcasts). */
export const matmulKernel: CpuKernel<{ transposeA: boolean; transposeB: boolean }> = ([left, right], [output], { transposeA, transposeB }, { compute }) => {
  const [batchA, rowsA, columnsA] = left!.shape as [number, number, number];
  const [batchB, rowsB, columnsB] = right!.shape as [number, number, number];
  const [batch, m, n] = output!.shape as [number, number, number];
  const k = transposeA ? rowsA : columnsA;
  compute.gemm({
    a: left!.offset,
    b: right!.offset,
    c: output!.offset,
    m,
    n,
    k,
    transA: transposeA,
    transB: transposeB,
    lda: columnsA,
    ldb: columnsB,
    ldc: n,
    batch,
    strideA: batchA === 1 ? 0 : rowsA * columnsA,
    strideB: batchB === 1 ? 0 : rowsB * columnsB,
    strideC: m * n,
    alpha: 1,
    beta: 0,
  });
};
