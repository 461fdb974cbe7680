import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();

describe.skipIf(!gpu)(gpuSuiteTitle('interpolation kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    cpu.dispose();
  });
  const tolerance = { rtol: 1e-4, atol: 1e-5 };

  it('resizes in every mode, up and down, forward and backward', async () => {
    for (const mode of ['nearest', 'bilinear', 'bicubic'] as const) {
      for (const alignCorners of mode === 'nearest' ? [false] : [false, true]) {
        for (const [input, output] of [
          [[2, 2, 4, 5], [2, 2, 8, 7]],
          [[1, 3, 9, 6], [1, 3, 4, 3]],
        ] as const) {
          const attributes = { mode, alignCorners };
          await expectSameAsCpu(gpu!, cpu, 'interpolate', [{ shape: [...input] }], [{ shape: [...output], dtype: 'float32' }], attributes, tolerance);
          await expectSameAsCpu(gpu!, cpu, 'interpolateBackward', [{ shape: [...output] }], [{ shape: [...input], dtype: 'float32' }], attributes, tolerance);
        }
      }
    }
  });
});
