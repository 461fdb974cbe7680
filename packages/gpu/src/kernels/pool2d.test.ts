import { type Pool2dAttributes, createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu, runOn } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();

function poolOutput(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
  const span = size + 2 * padding - dilation * (kernel - 1) - 1;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= size + padding) out--;
  return out;
}

describe.skipIf(!gpu)(gpuSuiteTitle('pooling kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    cpu.dispose();
  });
  const tolerance = { rtol: 1e-5, atol: 1e-6 };
  const pools: Pool2dAttributes[] = [
    { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false },
    { kernel: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true },
    { kernel: [3, 2], stride: [1, 2], padding: [1, 0], dilation: [2, 1], ceilMode: false },
  ];

  it('max pools and routes gradients to the maxima', async () => {
    const input = [2, 3, 7, 6];
    const ties = Array.from({ length: 252 }, (_, i) => ((i * 7) % 5) - 2);
    for (const attributes of pools) {
      const shape = [2, 3, ...[0, 1].map((axis) => poolOutput(input[2 + axis]!, attributes.kernel[axis]!, attributes.stride[axis]!, attributes.padding[axis]!, attributes.dilation[axis]!, attributes.ceilMode))];
      for (const values of [undefined, ties]) {
        await expectSameAsCpu(gpu!, cpu, 'maxPool2d', [{ shape: input, ...(values ? { values } : {}) }], [{ shape, dtype: 'float32' }, { shape, dtype: 'int32' }], attributes, tolerance);
      }
      const [, indices] = await runOn(cpu, 'maxPool2d', [{ shape: input, values: ties }], [{ shape, dtype: 'float32' }, { shape, dtype: 'int32' }], attributes);
      await expectSameAsCpu(gpu!, cpu, 'maxPool2dBackward', [{ shape }, { shape, dtype: 'int32', values: indices! }], [{ shape: input, dtype: 'float32' }], attributes, tolerance);
    }
  });

  it('average pools with every divisor rule, forward and backward', async () => {
    const input = [2, 2, 7, 6];
    for (const base of pools.slice(0, 2)) {
      for (const variant of [{ countIncludePad: true }, { countIncludePad: false }, { countIncludePad: false, divisorOverride: 3 }]) {
        const attributes = { ...base, ...variant };
        const shape = [2, 2, ...[0, 1].map((axis) => poolOutput(input[2 + axis]!, base.kernel[axis]!, base.stride[axis]!, base.padding[axis]!, 1, base.ceilMode))];
        await expectSameAsCpu(gpu!, cpu, 'avgPool2d', [{ shape: input }], [{ shape, dtype: 'float32' }], attributes, tolerance);
        await expectSameAsCpu(gpu!, cpu, 'avgPool2dBackward', [{ shape }], [{ shape: input, dtype: 'float32' }], attributes, tolerance);
      }
    }
  });

  it('adaptive average pools down and up, forward and backward', async () => {
    for (const [input, output] of [
      [[2, 3, 7, 5], [2, 3, 3, 2]],
      [[1, 2, 3, 4], [1, 2, 5, 7]],
      [[2, 2, 6, 6], [2, 2, 1, 1]],
    ] as const) {
      await expectSameAsCpu(gpu!, cpu, 'adaptiveAvgPool2d', [{ shape: [...input] }], [{ shape: [...output], dtype: 'float32' }], {}, tolerance);
      await expectSameAsCpu(gpu!, cpu, 'adaptiveAvgPool2dBackward', [{ shape: [...output] }], [{ shape: [...input], dtype: 'float32' }], {}, tolerance);
    }
  });
});
