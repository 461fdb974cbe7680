import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();

describe.skipIf(!gpu)(gpuSuiteTitle('strided copy, pad and concat kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    cpu.dispose();
  });
  const exact = { rtol: 0, atol: 0 };

  it('copies permuted, sliced, flipped and expanded views of every dtype', async () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const input = [{ shape: [2, 3, 4], dtype }];
      await expectSameAsCpu(gpu!, cpu, 'stridedCopy', input, [{ shape: [4, 2, 3], dtype }], { offset: 0, strides: [1, 12, 4] }, exact);
      await expectSameAsCpu(gpu!, cpu, 'stridedCopy', input, [{ shape: [2, 2, 2], dtype }], { offset: 5, strides: [12, 4, 2] }, exact);
      await expectSameAsCpu(gpu!, cpu, 'stridedCopy', input, [{ shape: [2, 3, 4], dtype }], { offset: 23, strides: [-12, -4, -1] }, exact);
      await expectSameAsCpu(gpu!, cpu, 'stridedCopy', [{ shape: [3], dtype }], [{ shape: [2, 3, 5], dtype }], { offset: 0, strides: [0, 1, 0] }, exact);
      await expectSameAsCpu(gpu!, cpu, 'stridedCopy', input, [{ shape: [6], dtype }], { offset: 6, strides: [1] }, exact);
    }
  });

  it('adds a source into a strided view of a base', async () => {
    await expectSameAsCpu(gpu!, cpu, 'stridedScatterAdd', [{ shape: [4, 5] }, { shape: [2, 5] }], [{ shape: [4, 5], dtype: 'float32' }], { offset: 5, strides: [10, 1] });
    await expectSameAsCpu(gpu!, cpu, 'stridedScatterAdd', [{ shape: [3, 4], dtype: 'int32' }, { shape: [4, 3], dtype: 'int32' }], [{ shape: [3, 4], dtype: 'int32' }], { offset: 0, strides: [1, 4] }, exact);
  });

  it('pads in every mode and sums gradients back', async () => {
    for (const mode of ['constant', 'reflect', 'replicate'] as const) {
      await expectSameAsCpu(gpu!, cpu, 'pad', [{ shape: [2, 3, 4] }], [{ shape: [2, 6, 9], dtype: 'float32' }], { before: [0, 1, 3], after: [0, 2, 2], mode, value: 1.5 }, exact);
      await expectSameAsCpu(gpu!, cpu, 'pad', [{ shape: [3, 4], dtype: 'int32' }], [{ shape: [5, 5], dtype: 'int32' }], { before: [1, 1], after: [1, 0], mode, value: -7 }, exact);
      await expectSameAsCpu(gpu!, cpu, 'padBackward', [{ shape: [2, 6, 9] }], [{ shape: [2, 3, 4], dtype: 'float32' }], { before: [0, 1, 3], mode });
    }
    await expectSameAsCpu(gpu!, cpu, 'padBackward', [{ shape: [2, 7] }], [{ shape: [2, 3], dtype: 'float32' }], { before: [0, 2], mode: 'reflect' });
  });

  it('concatenates along inner and outer axes', async () => {
    for (const dtype of ['float32', 'bool'] as const) {
      await expectSameAsCpu(gpu!, cpu, 'concat', [{ shape: [2, 3], dtype }, { shape: [2, 1], dtype }, { shape: [2, 0], dtype }, { shape: [2, 4], dtype }], [{ shape: [2, 8], dtype }], { axis: 1 }, exact);
      await expectSameAsCpu(gpu!, cpu, 'concat', [{ shape: [1, 3], dtype }, { shape: [2, 3], dtype }], [{ shape: [3, 3], dtype }], { axis: 0 }, exact);
    }
  });
});
