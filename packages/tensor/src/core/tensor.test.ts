import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CpuBackend,
  add,
  createCpuBackend,
  matmul,
  memory,
  mul,
  setDefaultBackend,
  sum,
  tensor,
  tidy,
  zeros,
} from '../index';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => {
  setDefaultBackend(undefined);
  backend.dispose();
});

describe('Tensor', () => {
  it('holds values, shape and dtype, and prints them', () => {
    tidy(() => {
      const x = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(x.shape).toEqual([2, 3]);
      expect(x.dtype).toBe('float32');
      expect(x.arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
      expect(x.toString()).toBe('Tensor(shape=[2, 3], dtype=float32, device=cpu)\n[[1., 2., 3.],\n [4., 5., 6.]]');
      expect(tensor([true, false]).dtype).toBe('bool');
      expect(tensor(new Int32Array([1, 2])).toString()).toBe('Tensor(shape=[2], dtype=int32, device=cpu)\n[1, 2]');
      expect(tensor(0.5).item()).toBe(0.5);
    });
  });

  it('reads back asynchronously too', async () => {
    const x = tensor([1, 2]);
    expect(Array.from(await x.data())).toEqual([1, 2]);
    expect(await x.array()).toEqual([1, 2]);
    x.dispose();
  });

  it('broadcasts and computes gradients', () => {
    tidy(() => {
      const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
      const b = tensor([10, 20], { requiresGrad: true });
      const y = sum(mul(add(a, b), a));
      expect(y.item()).toBe(11 + 44 + 39 + 96);
      y.backward();
      // d/da (a + b) * a = 2a + b; d/db = sum over rows of a
      expect(a.grad?.arraySync()).toEqual([[12, 24], [16, 28]]);
      expect(b.grad?.arraySync()).toEqual([4, 6]);
      a.grad?.dispose();
      b.grad?.dispose();
    });
  });

  it('multiplies matrices through the WebAssembly GEMM', () => {
    tidy(() => {
      const a = tensor([[1, 2], [3, 4], [5, 6]]);
      const b = tensor([[1, 0, 2], [0, 1, 3]]);
      expect(matmul(a, b).arraySync()).toEqual([[1, 2, 8], [3, 4, 18], [5, 6, 28]]);
    });
  });

  it('frees everything tidy does not return', () => {
    const before = memory();
    const kept = tidy(() => {
      const x = zeros([100]);
      add(x, 1);
      return add(x, 2);
    });
    expect(memory().tensors).toBe(before.tensors + 1);
    kept.dispose();
    expect(memory()).toEqual(before);
  });
});
