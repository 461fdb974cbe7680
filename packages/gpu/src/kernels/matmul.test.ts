import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend, otherStyleBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
const other = await otherStyleBackend(gpu);
const styles = [gpu, other];

describe.skipIf(!gpu)(gpuSuiteTitle('matmul kernel', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    other?.dispose();
    cpu.dispose();
  });
  const tolerance = { rtol: 1e-4, atol: 1e-4 };

  it('multiplies with every transposition, across tile edges, in both kernel styles', async () => {
    const [m, n, k] = [70, 33, 19];
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const a = { shape: transposeA ? [1, k, m] : [1, m, k] };
        const b = { shape: transposeB ? [1, n, k] : [1, k, n] };
        // The other style sees both staging orders of each operand in two of the four cases (each
        // variant of the tiled GEMM takes seconds to compile on a software adapter).
        const backends = transposeA === transposeB ? styles : [gpu];
        for (const backend of backends) {
          await expectSameAsCpu(backend!, cpu, 'matmul', [a, b], [{ shape: [1, m, n], dtype: 'float32' }], { transposeA, transposeB }, tolerance);
        }
      }
    }
  });

  it('uses 16-row tiles for products of few rows', async () => {
    for (const backend of styles) {
      await expectSameAsCpu(backend!, cpu, 'matmul', [{ shape: [1, 5, 40] }, { shape: [1, 40, 70] }], [{ shape: [1, 5, 70], dtype: 'float32' }], { transposeA: false, transposeB: false }, tolerance);
    }
  });

  it('uses 128×128 tiles for products of many such tiles, across tile edges, in both staging orders', async () => {
    // 32 slices of 3 × 3 tiles: past LARGE_TILE_MIN_WORKGROUPS; 257, 300 and 37 end mid-tile.
    const [batch, m, n, k] = [32, 257, 300, 37];
    for (const transpose of [false, true]) {
      const a = { shape: transpose ? [batch, k, m] : [batch, m, k] };
      const b = { shape: transpose ? [batch, n, k] : [batch, k, n] };
      for (const backend of styles) {
        await expectSameAsCpu(backend!, cpu, 'matmul', [a, b], [{ shape: [batch, m, n], dtype: 'float32' }], { transposeA: transpose, transposeB: transpose }, tolerance);
      }
    }
  });

  it('splits a deep product with few tiles over the depth', async () => {
    for (const backend of styles) {
      await expectSameAsCpu(backend!, cpu, 'matmul', [{ shape: [2, 8, 2100] }, { shape: [2, 2100, 9] }], [{ shape: [2, 8, 9], dtype: 'float32' }], { transposeA: false, transposeB: false }, tolerance);
    }
    await expectSameAsCpu(gpu!, cpu, 'matmul', [{ shape: [1, 1500, 20] }, { shape: [1, 1500, 30] }], [{ shape: [1, 20, 30], dtype: 'float32' }], { transposeA: true, transposeB: false }, tolerance);
  });

  it('broadcasts a batch of one and handles k = 0', async () => {
    await expectSameAsCpu(gpu!, cpu, 'matmul', [{ shape: [3, 5, 4] }, { shape: [1, 4, 6] }], [{ shape: [3, 5, 6], dtype: 'float32' }], { transposeA: false, transposeB: false }, tolerance);
    await expectSameAsCpu(gpu!, cpu, 'matmul', [{ shape: [1, 2, 4] }, { shape: [3, 6, 4] }], [{ shape: [3, 2, 6], dtype: 'float32' }], { transposeA: false, transposeB: true }, tolerance);
    await expectSameAsCpu(gpu!, cpu, 'matmul', [{ shape: [1, 2, 0] }, { shape: [1, 0, 3] }], [{ shape: [1, 2, 3], dtype: 'float32' }], { transposeA: false, transposeB: false }, tolerance);
  });
});
