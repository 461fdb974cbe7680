import { createCpuBackend, gather, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();

describe.skipIf(!gpu)(gpuSuiteTitle('gather, scatterAdd and topk kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    setDefaultBackend(undefined);
    gpu?.dispose();
    cpu.dispose();
  });

  it('gathers along each axis, with negative indices', async () => {
    const index = { shape: [2, 3], dtype: 'int32' as const, values: [0, 2, -1, 1, 1, 0] };
    await expectSameAsCpu(gpu!, cpu, 'gather', [{ shape: [2, 4] }, index], [{ shape: [2, 3], dtype: 'float32' }], { axis: 1 }, { rtol: 0, atol: 0 });
    const rows = { shape: [2, 3], dtype: 'int32' as const, values: [2, 0, 1, 1, 2, 0] };
    await expectSameAsCpu(gpu!, cpu, 'gather', [{ shape: [3, 4], dtype: 'int32' }, rows], [{ shape: [2, 3], dtype: 'int32' }], { axis: 0 }, { rtol: 0, atol: 0 });
  });

  it('reports an out-of-range index at the next readback, naming the kernel', async () => {
    setDefaultBackend(gpu);
    const x = tensor([1, 2, 3]);
    const index = tensor(new Int32Array([0, 5]));
    const result = gather(x, 0, index);
    await expect(result.data()).rejects.toThrow(/gather: index 5 is out of range for an axis of size 3/);
    for (const item of [x, index, result]) item.dispose();
    const fine = tensor([4, 5]);
    expect(Array.from(await fine.data())).toEqual([4, 5]);
    fine.dispose();
  });

  it('adds sources at indices, colliding ones included', async () => {
    const index = { shape: [3, 2], dtype: 'int32' as const, values: [0, 1, 0, 3, 3, 3] };
    await expectSameAsCpu(gpu!, cpu, 'scatterAdd', [{ shape: [3, 4] }, index, { shape: [3, 2] }], [{ shape: [3, 4], dtype: 'float32' }], { axis: 1 });
    const rows = { shape: [4, 2], dtype: 'int32' as const, values: [0, 1, 0, 1, 2, 2, 0, 0] };
    await expectSameAsCpu(gpu!, cpu, 'scatterAdd', [{ shape: [3, 2], dtype: 'int32' }, rows, { shape: [4, 3], dtype: 'int32' }], [{ shape: [3, 2], dtype: 'int32' }], { axis: 0 }, { rtol: 0, atol: 0 });
  });

  it('ranks the top k with ties by index and NaN first', async () => {
    const values = [3, 1, 3, Number.NaN, 2, 2, 0, 5, -1, 5, 5, 4];
    for (const largest of [true, false]) {
      await expectSameAsCpu(gpu!, cpu, 'topk', [{ shape: [2, 6], values }], [{ shape: [2, 4], dtype: 'float32' }, { shape: [2, 4], dtype: 'int32' }], { k: 4, largest }, { rtol: 0, atol: 0 });
      await expectSameAsCpu(gpu!, cpu, 'topk', [{ shape: [3, 40], dtype: 'int32' }], [{ shape: [3, 40], dtype: 'int32' }, { shape: [3, 40], dtype: 'int32' }], { k: 40, largest }, { rtol: 0, atol: 0 });
    }
  });
});
