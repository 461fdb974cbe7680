import { createCpuBackend } from '@mmpt/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebGpuBackend } from '../create-webgpu-backend';
import { expectSameAsCpu } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
// A device limited to 8 storage buffers per kernel: AMSGrad (9 buffers) takes the in-place path.
const limited = gpu ? await createWebGpuBackend({ requiredLimits: { maxStorageBuffersPerShaderStage: 8 } }) : undefined;

describe.skipIf(!gpu)(gpuSuiteTitle('fused optimizer kernels', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  afterAll(() => {
    gpu?.dispose();
    limited?.dispose();
    cpu.dispose();
  });
  const shape = [3, 50];
  const tensor = { shape, dtype: 'float32' as const };
  const state = (seed: number) => ({ shape, values: Array.from({ length: 150 }, (_, i) => Math.abs(Math.sin(i * seed)) * 0.5) });
  const tolerance = { rtol: 1e-5, atol: 1e-6 };

  it('steps SGD without momentum, on the first momentum step and with a buffer', async () => {
    const options = { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 5e-4, nesterov: false, maximize: false };
    await expectSameAsCpu(gpu!, cpu, 'sgdUpdate', [{ shape }, { shape }], [tensor], { ...options, momentum: 0, maximize: true }, tolerance);
    await expectSameAsCpu(gpu!, cpu, 'sgdUpdate', [{ shape }, { shape }], [tensor, tensor], options, tolerance);
    await expectSameAsCpu(gpu!, cpu, 'sgdUpdate', [{ shape }, { shape }, { shape }], [tensor, tensor], { ...options, nesterov: true, dampening: 0 }, tolerance);
  });

  it('steps Adam, AdamW and AMSGrad, with separate or in-place state', async () => {
    const adam = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: false, maximize: false, amsgrad: false, step: 3 };
    const inputs = [{ shape }, { shape }, { shape }, state(1)];
    await expectSameAsCpu(gpu!, cpu, 'adamUpdate', inputs, [tensor, tensor, tensor], adam, tolerance);
    await expectSameAsCpu(gpu!, cpu, 'adamUpdate', inputs, [tensor, tensor, tensor], { ...adam, decoupled: true, maximize: true }, tolerance);
    expect(limited!.gpuDevice.limits.maxStorageBuffersPerShaderStage).toBeLessThan(9);
    for (const backend of [gpu!, limited!]) {
      await expectSameAsCpu(backend, cpu, 'adamUpdate', [...inputs, state(2)], [tensor, tensor, tensor, tensor], { ...adam, decoupled: true, amsgrad: true }, tolerance);
    }
  });
});
