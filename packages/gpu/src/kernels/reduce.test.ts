import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend, otherStyleBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
const other = await otherStyleBackend(gpu);

describe.skipIf(!gpu)(gpuSuiteTitle('reduction and scan kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    other?.dispose();
    cpu.dispose();
  });
  const views = [
    { outer: 3, reduce: 5, inner: 1 },
    { outer: 2, reduce: 300, inner: 1 },
    { outer: 2, reduce: 100, inner: 3 },
    { outer: 1, reduce: 7, inner: 2500 },
    { outer: 4, reduce: 1, inner: 6 },
  ];

  it('sums, multiplies and takes extrema of float32 and int32, in both kernel styles', async () => {
    for (const view of views) {
      for (const backend of [other!]) {
        await expectSameAsCpu(backend, cpu, 'sum', [{ shape: [view.outer, view.reduce, view.inner] }], [{ shape: [view.outer, view.inner], dtype: 'float32' }], view, { rtol: 1e-4, atol: 1e-5 });
        await expectSameAsCpu(backend, cpu, 'argmax', [{ shape: [view.outer, view.reduce, view.inner] }], [{ shape: [view.outer, view.inner], dtype: 'int32' }], view);
      }
      const shape = [view.outer, view.reduce, view.inner];
      const out = [{ shape: [view.outer, view.inner], dtype: 'float32' as const }];
      for (const op of ['sum', 'max', 'min'] as const) {
        await expectSameAsCpu(gpu!, cpu, op, [{ shape }], out, view, { rtol: 1e-4, atol: 1e-5 });
        await expectSameAsCpu(gpu!, cpu, op, [{ shape, dtype: 'int32' }], [{ ...out[0]!, dtype: 'int32' }], view, { rtol: 0, atol: 0 });
      }
    }
    await expectSameAsCpu(gpu!, cpu, 'prod', [{ shape: [3, 5, 2], values: Array.from({ length: 30 }, (_, i) => 0.5 + (i % 7) * 0.1) }], [{ shape: [3, 2], dtype: 'float32' }], { outer: 3, reduce: 5, inner: 2 }, { rtol: 1e-5, atol: 1e-6 });
  });

  it('finds arg extrema with the first index on ties and NaN first', async () => {
    const values = [1, 3, 3, 0, Number.NaN, 2, Number.NaN, 5, -1, -1, -1, -1];
    for (const op of ['argmax', 'argmin'] as const) {
      await expectSameAsCpu(gpu!, cpu, op, [{ shape: [3, 4], values }], [{ shape: [3], dtype: 'int32' }], { outer: 3, reduce: 4, inner: 1 });
      await expectSameAsCpu(gpu!, cpu, op, [{ shape: [4, 3], values }], [{ shape: [3], dtype: 'int32' }], { outer: 1, reduce: 4, inner: 3 });
      for (const view of views) {
        await expectSameAsCpu(gpu!, cpu, op, [{ shape: [view.outer, view.reduce, view.inner] }], [{ shape: [view.outer, view.inner], dtype: 'int32' }], view);
      }
    }
  });

  it('propagates NaN through max and min', async () => {
    await expectSameAsCpu(gpu!, cpu, 'max', [{ shape: [2, 3], values: [1, Number.NaN, 2, 3, 4, 5] }], [{ shape: [2], dtype: 'float32' }], { outer: 2, reduce: 3, inner: 1 });
    await expectSameAsCpu(gpu!, cpu, 'min', [{ shape: [300], values: Array.from({ length: 300 }, (_, i) => (i === 137 ? Number.NaN : i)) }], [{ shape: [1], dtype: 'float32' }], { outer: 1, reduce: 300, inner: 1 });
  });

  it('scans forward and in reverse, bool inputs as int32', async () => {
    for (const reverse of [false, true]) {
      await expectSameAsCpu(gpu!, cpu, 'cumsum', [{ shape: [2, 50, 3] }], [{ shape: [2, 50, 3], dtype: 'float32' }], { outer: 2, reduce: 50, inner: 3, reverse }, { rtol: 1e-4, atol: 1e-5 });
      await expectSameAsCpu(gpu!, cpu, 'cumsum', [{ shape: [4, 6], dtype: 'bool' }], [{ shape: [4, 6], dtype: 'int32' }], { outer: 4, reduce: 6, inner: 1, reverse }, { rtol: 0, atol: 0 });
    }
  });
});
