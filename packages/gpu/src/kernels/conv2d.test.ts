import { type Conv2dAttributes, createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, it } from 'vitest';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend, otherStyleBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
const other = await otherStyleBackend(gpu);

interface ConvCase {
  name: string;
  /** Whether the case also runs in the other kernel style (each tiled GEMM variant compiles for seconds on a software adapter). */
  bothStyles?: boolean;
  input: [number, number, number, number];
  outChannels: number;
  kernel: [number, number];
  attributes: Conv2dAttributes;
  /** Looser than the default for deep sums, whose float32 rounding depends on the order of summation. */
  tolerance?: { rtol: number; atol: number };
}

const cases: ConvCase[] = [
  { name: '3x3, padding 1', bothStyles: true, input: [2, 3, 7, 6], outChannels: 5, kernel: [3, 3], attributes: { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 } },
  { name: 'strided and dilated', input: [1, 2, 9, 8], outChannels: 3, kernel: [3, 2], attributes: { stride: [2, 3], padding: [2, 1], dilation: [2, 1], groups: 1 } },
  { name: 'grouped', input: [2, 4, 5, 5], outChannels: 6, kernel: [3, 3], attributes: { stride: [1, 1], padding: [0, 1], dilation: [1, 1], groups: 2 } },
  { name: 'pointwise (a matrix product)', input: [2, 6, 4, 3], outChannels: 70, kernel: [1, 1], attributes: { stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 } },
  { name: 'deep filter gradient (split over the depth)', bothStyles: true, input: [4, 2, 16, 16], outChannels: 3, kernel: [3, 3], attributes: { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 } },
  { name: 'deep product on a tiny plane (split over the depth)', bothStyles: true, input: [2, 64, 2, 2], outChannels: 64, kernel: [3, 3], attributes: { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 } },
  // 6 × 50 output tiles of 128×128: the forward pass takes the large tiled variant.
  { name: 'many output tiles (128×128 tiles)', bothStyles: true, input: [4, 8, 40, 40], outChannels: 768, kernel: [3, 3], attributes: { stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 }, tolerance: { rtol: 1e-3, atol: 1e-3 } },
  { name: 'depthwise with a channel multiplier', bothStyles: true, input: [2, 3, 6, 5], outChannels: 6, kernel: [3, 3], attributes: { stride: [2, 1], padding: [1, 1], dilation: [1, 2], groups: 3 } },
];

function outputSize(size: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

describe.skipIf(!gpu)(gpuSuiteTitle('convolution kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    other?.dispose();
    cpu.dispose();
  });
  for (const { name, input, outChannels, kernel, attributes, bothStyles, tolerance = { rtol: 1e-4, atol: 1e-4 } } of cases) {
    it(`computes the forward pass and both gradients: ${name}${bothStyles ? ', in both kernel styles' : ''}`, async () => {
      const [batch, channels, height, width] = input;
      const filter = [outChannels, channels / attributes.groups, ...kernel];
      const outH = outputSize(height, kernel[0], attributes.stride[0], attributes.padding[0], attributes.dilation[0]);
      const outW = outputSize(width, kernel[1], attributes.stride[1], attributes.padding[1], attributes.dilation[1]);
      const output = [batch, outChannels, outH, outW];
      for (const backend of bothStyles ? [gpu, other] : [gpu]) {
        await expectSameAsCpu(backend!, cpu, 'conv2d', [{ shape: input }, { shape: filter }], [{ shape: output, dtype: 'float32' }], attributes, tolerance);
        await expectSameAsCpu(backend!, cpu, 'conv2dBackwardInput', [{ shape: output }, { shape: filter }], [{ shape: input, dtype: 'float32' }], attributes, tolerance);
        await expectSameAsCpu(backend!, cpu, 'conv2dBackwardFilter', [{ shape: input }, { shape: output }], [{ shape: filter, dtype: 'float32' }], attributes, tolerance);
      }
    });
  }
});
