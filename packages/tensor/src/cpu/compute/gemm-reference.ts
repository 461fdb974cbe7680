/** Operands and options of {@link gemmReference}: {@link GemmParams} over Float32Arrays. */
export interface GemmReferenceParams {
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
  m: number;
  n: number;
  k: number;
  transA?: boolean;
  transB?: boolean;
  lda?: number;
  ldb?: number;
  ldc?: number;
  batch?: number;
  strideA?: number;
  strideB?: number;
  strideC?: number;
  alpha?: number;
  beta?: number;
}

/**
 * Plain TypeScript GEMM with the semantics of `CpuCompute.gemm`, written as readable loops:
 * for each batch index `t`,
 * `C_t = alpha * op(A_t) · op(B_t) + beta * C_t` (row-major, `op` an optional transpose),
 * with `A_t = a[t * strideA ...]` (a stride of 0 broadcasts that operand). When `beta` is 0,
 * C is overwritten without being read. Sums are accumulated in float64 and rounded once.
 *
 * Used as the ground truth in tests and as the "plain TS" line of the benchmark.
 *
 * @example
 * ```ts
 * const c = new Float32Array(4);
 * gemmReference({ a: new Float32Array([1, 2, 3, 4]), b: new Float32Array([1, 0, 0, 1]), c, m: 2, n: 2, k: 2 });
 * // c = [1, 2, 3, 4]
 * ```
 */
export function gemmReference(params: GemmReferenceParams): void {
  const { a, b, c, m, n, k } = params;
  const transA = params.transA ?? false;
  const transB = params.transB ?? false;
  const lda = params.lda ?? (transA ? m : k);
  const ldb = params.ldb ?? (transB ? k : n);
  const ldc = params.ldc ?? n;
  const batch = params.batch ?? 1;
  const strideA = params.strideA ?? m * k;
  const strideB = params.strideB ?? k * n;
  const strideC = params.strideC ?? m * n;
  const alpha = params.alpha ?? 1;
  const beta = params.beta ?? 0;
  for (let t = 0; t < batch; t++) {
    const aBase = t * strideA;
    const bBase = t * strideB;
    const cBase = t * strideC;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const aValue = a[aBase + (transA ? p * lda + i : i * lda + p)] as number;
          const bValue = b[bBase + (transB ? j * ldb + p : p * ldb + j)] as number;
          sum += aValue * bValue;
        }
        const index = cBase + i * ldc + j;
        c[index] = beta === 0 ? alpha * sum : alpha * sum + beta * (c[index] as number);
      }
    }
  }
}
