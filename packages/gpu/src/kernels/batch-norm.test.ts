import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend, otherStyleBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
const other = await otherStyleBackend(gpu);

describe.skipIf(!gpu)(gpuSuiteTitle('fused batch-norm and relu-gradient kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    other?.dispose();
    cpu.dispose();
  });
  const tolerance = { rtol: 1e-4, atol: 1e-5 };
  const shapes = [
    [6, 3],
    [4, 3, 70],
    [3, 2, 5, 6],
  ];

  it('computes training statistics, the output and the gradients in both kernel styles', async () => {
    for (const backend of [gpu!, other!]) {
      for (const shape of shapes) {
        const channels = [shape[1]!];
        const perChannel = { shape: channels, dtype: 'float32' as const };
        const x = { shape, values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 3 + Math.sin(i) * 2) };
        const positive = { shape: channels, values: channels.length ? Array.from({ length: shape[1]! }, (_, i) => 0.5 + i / 4) : [] };
        await expectSameAsCpu(backend, cpu, 'batchNormTrain', [x, { shape: channels }, { shape: channels }], [{ shape, dtype: 'float32' }, perChannel, perChannel, perChannel], { eps: 1e-5 }, tolerance);
        await expectSameAsCpu(backend, cpu, 'batchNormInference', [x, { shape: channels }, positive, { shape: channels }, { shape: channels }], [{ shape, dtype: 'float32' }], { eps: 1e-3 }, tolerance);
        await expectSameAsCpu(backend, cpu, 'batchNormBackward', [{ shape }, x, { shape: channels }, positive, { shape: channels }], [{ shape, dtype: 'float32' }, perChannel, perChannel], {}, tolerance);
      }
    }
  });

  it('passes relu gradients where the output is positive', async () => {
    const output = { shape: [2, 5], values: [-1, 0, 2, Number.NaN, 0.5, 3, -0, 1e-30, -4, 8] };
    await expectSameAsCpu(gpu!, cpu, 'reluBackward', [{ shape: [2, 5] }, output], [{ shape: [2, 5], dtype: 'float32' }], {}, { rtol: 0, atol: 0 });
  });
});
