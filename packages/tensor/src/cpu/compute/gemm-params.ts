/**
 * A single-precision GEMM on heap memory:
 * `C = alpha * op(A) · op(B) + beta * C` for each of `batch` matrices, row-major, where
 * `op(A)` is m x k, `op(B)` is k x n and C is m x n.
 */
export interface GemmParams {
  /** Byte offset of A's float32 data in the heap memory (a multiple of 4). */
  a: number;
  /** Byte offset of B's float32 data. */
  b: number;
  /** Byte offset of C's float32 data. */
  c: number;
  m: number;
  n: number;
  k: number;
  /** Use the transpose of A (stored k x m); default false. */
  transA?: boolean;
  /** Use the transpose of B (stored n x k); default false. */
  transB?: boolean;
  /** Elements between rows of A as stored; default k (m when transA). */
  lda?: number;
  /** Elements between rows of B as stored; default n (k when transB). */
  ldb?: number;
  /** Elements between rows of C; default n. */
  ldc?: number;
  /** Number of matrices; default 1. */
  batch?: number;
  /** Elements between consecutive A matrices; default m*k; 0 uses the same A for every batch. */
  strideA?: number;
  /** Elements between consecutive B matrices; default k*n; 0 uses the same B for every batch. */
  strideB?: number;
  /** Elements between consecutive C matrices; default m*n. */
  strideC?: number;
  /** Default 1. */
  alpha?: number;
  /** Default 0: C is overwritten without being read (NaN in C does not leak); 1 accumulates. */
  beta?: number;
}

/**
 * A validated GEMM in the form the WebAssembly kernel takes: op(A)[i][p] = A[i*rsA + p*csA],
 * op(B)[p][j] = B[p*rsB + j*csB] (element strides), byte offsets for a, b, c.
 */
export interface ResolvedGemm {
  a: number;
  b: number;
  c: number;
  m: number;
  n: number;
  k: number;
  rsA: number;
  csA: number;
  rsB: number;
  csB: number;
  ldc: number;
  batch: number;
  strideA: number;
  strideB: number;
  strideC: number;
  alpha: number;
  beta: number;
}

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum || value > 0x7fffffff) {
    throw new RangeError(`gemm: ${name} must be an integer >= ${minimum}, got ${value}`);
  }
}

function checkOffset(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value % 4 !== 0) {
    throw new RangeError(
      `gemm: ${name} must be a non-negative byte offset that is a multiple of 4, got ${value}`,
    );
  }
}

/** Checks that the last element an operand touches lies inside the heap. */
function checkExtent(name: string, offset: number, lastElement: number, capacity: number): void {
  const end = offset + 4 * (lastElement + 1);
  if (end > capacity) {
    throw new RangeError(
      `gemm: operand ${name} (byte offset ${offset}, ${lastElement + 1} elements) reaches byte ` +
        `${end}, past the end of the heap (${capacity} bytes)`,
    );
  }
}

/**
 * Applies the defaults of {@link GemmParams}, validates every field (integers, leading
 * dimensions at least the natural ones, operands inside a heap of `capacity` bytes) and turns
 * transposes into strides. A batch whose B is broadcast and whose A and C batches are stacked
 * rows is folded into one taller GEMM.
 *
 * @throws RangeError naming the offending field and value.
 */
export function resolveGemm(params: GemmParams, capacity: number): ResolvedGemm {
  const { a, b, c, m, n, k } = params;
  checkOffset('a', a);
  checkOffset('b', b);
  checkOffset('c', c);
  checkCount('m', m, 0);
  checkCount('n', n, 0);
  checkCount('k', k, 0);
  const transA = params.transA ?? false;
  const transB = params.transB ?? false;
  const lda = params.lda ?? (transA ? m : k);
  const ldb = params.ldb ?? (transB ? k : n);
  const ldc = params.ldc ?? n;
  const batch = params.batch ?? 1;
  checkCount('lda', lda, transA ? m : k);
  checkCount('ldb', ldb, transB ? k : n);
  checkCount('ldc', ldc, n);
  checkCount('batch', batch, 0);
  const strideA = params.strideA ?? m * k;
  const strideB = params.strideB ?? k * n;
  const strideC = params.strideC ?? m * n;
  checkCount('strideA', strideA, 0);
  checkCount('strideB', strideB, 0);
  checkCount('strideC', strideC, batch > 1 && m > 0 && n > 0 ? 1 : 0);
  const alpha = params.alpha ?? 1;
  const beta = params.beta ?? 0;
  if (typeof alpha !== 'number' || typeof beta !== 'number') {
    throw new TypeError(`gemm: alpha and beta must be numbers, got ${alpha} and ${beta}`);
  }
  const last = batch - 1;
  if (batch > 0 && m > 0 && n > 0) {
    checkExtent('C', c, last * strideC + (m - 1) * ldc + (n - 1), capacity);
    if (k > 0) {
      checkExtent('A', a, last * strideA + (transA ? (k - 1) * lda + (m - 1) : (m - 1) * lda + (k - 1)), capacity);
      checkExtent('B', b, last * strideB + (transB ? (n - 1) * ldb + (k - 1) : (k - 1) * ldb + (n - 1)), capacity);
    }
  }
  const resolved: ResolvedGemm = {
    a,
    b,
    c,
    m,
    n,
    k,
    rsA: transA ? 1 : lda,
    csA: transA ? lda : 1,
    rsB: transB ? 1 : ldb,
    csB: transB ? ldb : 1,
    ldc,
    batch,
    strideA,
    strideB,
    strideC,
    alpha,
    beta,
  };
  if (batch > 1 && strideB === 0 && !transA && strideA === m * lda && strideC === m * ldc) {
    resolved.m = m * batch;
    resolved.batch = 1;
  }
  return resolved;
}
