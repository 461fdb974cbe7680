import { describe, expect, it } from 'vitest';
import { gemmReference } from './gemm-reference';

describe('gemmReference', () => {
  const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
  const b = new Float32Array([7, 8, 9, 10, 11, 12]); // 3x2

  it('multiplies row-major matrices', () => {
    const c = new Float32Array(4);
    gemmReference({ a, b, c, m: 2, n: 2, k: 3 });
    expect(Array.from(c)).toEqual([58, 64, 139, 154]);
  });

  it('transposes the operands on request', () => {
    // a read as 3x2 stored, transA gives the 2x3 [[1,3,5],[2,4,6]]; b as 2x3 stored, transB gives 3x2.
    const c = new Float32Array(4);
    gemmReference({ a, b, c, m: 2, n: 2, k: 3, transA: true, transB: true });
    // op(A) = [[1,3,5],[2,4,6]], op(B) = [[7,10],[8,11],[9,12]]
    expect(Array.from(c)).toEqual([76, 103, 100, 136]);
  });

  it('applies alpha and beta, and ignores C when beta is 0', () => {
    const c = new Float32Array([1, 1, 1, 1]);
    gemmReference({ a, b, c, m: 2, n: 2, k: 3, alpha: 2, beta: -1 });
    expect(Array.from(c)).toEqual([115, 127, 277, 307]);
    const nan = new Float32Array([NaN, NaN, NaN, NaN]);
    gemmReference({ a, b, c: nan, m: 2, n: 2, k: 3 });
    expect(Array.from(nan)).toEqual([58, 64, 139, 154]);
  });

  it('walks batches with strides, 0 broadcasting', () => {
    const c = new Float32Array(8);
    gemmReference({ a, b, c, m: 2, n: 2, k: 3, batch: 2, strideA: 0, strideB: 0 });
    expect(Array.from(c)).toEqual([58, 64, 139, 154, 58, 64, 139, 154]);
  });

  it('gives beta * C when k is 0', () => {
    const c = new Float32Array([1, 2]);
    gemmReference({ a, b, c, m: 1, n: 2, k: 0, beta: 3 });
    expect(Array.from(c)).toEqual([3, 6]);
  });
});
