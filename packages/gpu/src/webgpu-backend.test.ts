import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Backend, type KernelTensor, add, exp, memory, mul, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createWebGpuBackend } from './create-webgpu-backend';
import { ErrorTracker } from './runtime/error-tracker';
import { PipelineCache, printWgslFromEnvironment } from './runtime/pipeline-cache';
import { gpuSuiteTitle, gpuTestBackend } from './test-support/gpu-test-backend';

const backend = await gpuTestBackend();

describe.skipIf(!backend)(gpuSuiteTitle('WebGPU backend', backend), () => {
  setDefaultBackend(backend);
  afterAll(() => {
    setDefaultBackend(undefined);
    backend?.dispose();
  });

  it('reports its adapter, features and limits', () => {
    const gpu = backend!;
    expect(gpu.name).toBe('webgpu');
    expect(gpu.device).toMatch(/^webgpu:\d+$/);
    expect(gpu.adapter.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(gpu.adapter.features).toEqual([...gpu.adapter.features].sort());
    expect(typeof gpu.adapter.isSoftware).toBe('boolean');
    expect(gpu.dtypes.includes('float16')).toBe(gpu.adapter.shaderF16);
  });

  it('runs on a device it is given, and leaves that device alive on dispose', async () => {
    const shared = await createWebGpuBackend({ device: backend!.gpuDevice });
    const x = tensor([1, 2], { backend: shared });
    const y = add(x, 1);
    expect(Array.from(await y.data())).toEqual([2, 3]);
    x.dispose();
    y.dispose();
    shared.dispose();
    const z = tidy(() => exp(mul(tensor([5]), 0)));
    expect(Array.from(await z.data())).toEqual([1]);
    z.dispose();
  });

  it('rejects features the adapter lacks with a clear error', async () => {
    await expect(createWebGpuBackend({ requiredFeatures: ['mmpt-no-such-feature' as GPUFeatureName] })).rejects.toThrow(/the adapter refused the device \(features mmpt-no-such-feature/);
  });

  it('reads back asynchronously only', async () => {
    const x = tensor([1, 2]);
    expect((backend as Backend).readSync).toBeUndefined();
    expect(() => x.dataSync()).toThrow(/reads back asynchronously; use await t.data\(\)/);
    expect(Array.from(await x.data())).toEqual([1, 2]);
    x.dispose();
  });

  it('records many dispatches into one submit, flushed by the readback', async () => {
    const before = backend!.gpuMemory().submits;
    const result = tidy(() => {
      let x = tensor([1, 2, 3]);
      for (let step = 0; step < 50; step++) x = add(x, 1);
      return x;
    });
    expect(backend!.gpuMemory().submits).toBe(before);
    expect(Array.from(await result.data())).toEqual([51, 52, 53]);
    expect(backend!.gpuMemory().submits).toBe(before + 1);
    result.dispose();
  });

  it('reuses pooled buffers and returns to its starting memory', async () => {
    const start = memory().bytes;
    const startBuffers = backend!.memory().buffers;
    const first = tidy(() => exp(mul(tensor([1, 2, 3, 4]), 0)));
    await first.data();
    first.dispose();
    const reusedBefore = backend!.gpuMemory().pool.reused;
    const second = tidy(() => exp(mul(tensor([1, 2, 3, 4]), 0)));
    expect(Array.from(await second.data())).toEqual([1, 1, 1, 1]);
    second.dispose();
    expect(backend!.gpuMemory().pool.reused).toBeGreaterThan(reusedBefore);
    expect(memory().bytes).toBe(start);
    expect(backend!.memory().buffers).toBe(startBuffers);
  });

  it('keeps a write behind the recorded kernels that read the old contents', async () => {
    const gpu = backend!;
    const view = (buffer: unknown, size: number): KernelTensor => ({ buffer, shape: [size], dtype: 'float32', size });
    const a = gpu.allocate('float32', 2);
    const doubled = gpu.allocate('float32', 2);
    const later = gpu.allocate('float32', 2);
    gpu.write(a, 'float32', Float32Array.from([1, 2]));
    gpu.run('add', [view(a, 2), view(a, 2)], [view(doubled, 2)], {});
    gpu.write(a, 'float32', Float32Array.from([10, 20]));
    gpu.run('add', [view(a, 2), view(a, 2)], [view(later, 2)], {});
    expect(Array.from(await gpu.read(doubled, 'float32', 2))).toEqual([2, 4]);
    expect(Array.from(await gpu.read(later, 'float32', 2))).toEqual([20, 40]);
    for (const buffer of [a, doubled, later]) gpu.free(buffer);
  });

  it('names the kernel whose WGSL fails to compile', async () => {
    const device = backend!.gpuDevice;
    const tracker = new ErrorTracker(device);
    const cache = new PipelineCache(device, tracker, false);
    cache.get({ kernel: 'brokenKernel', key: 'test', storage: [], wgsl: () => '@compute @workgroup_size(1) fn main( {' });
    await expect(tracker.settle('read')).rejects.toThrow(/WebGPU kernel "brokenKernel": WGSL compilation failed: .*error/s);
  });

  it('prints the WGSL of each compiled kernel when asked', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const printing = await createWebGpuBackend({ printWgsl: true });
      const x = tensor([1, 2], { backend: printing });
      const y = exp(x);
      await y.data();
      x.dispose();
      y.dispose();
      printing.dispose();
      const printed = log.mock.calls.map((call) => String(call[0]));
      expect(printed.some((text) => text.startsWith('// mmpt:exp:') && text.includes('@compute'))).toBe(true);
    } finally {
      log.mockRestore();
    }
    vi.stubEnv('MMPT_WEBGPU_PRINT_WGSL', '1');
    expect(printWgslFromEnvironment()).toBe(true);
    vi.stubEnv('MMPT_WEBGPU_PRINT_WGSL', '0');
    expect(printWgslFromEnvironment()).toBe(false);
    vi.unstubAllEnvs();
  });

  it('fails kernels and readback with errors naming them once the device is lost', async () => {
    const lost = await createWebGpuBackend();
    const x = tensor([1, 2], { backend: lost });
    lost.gpuDevice.destroy();
    await lost.gpuDevice.lost;
    expect(() => add(x, x)).toThrow(/Kernel "add" cannot run: the WebGPU device was lost \(destroyed/);
    await expect(x.data()).rejects.toThrow(/device was lost/);
    x.dispose();
    lost.dispose();
    expect(() => lost.allocate('float32', 1)).toThrow(/was disposed/);
  });

  it('lets the process exit after dispose', () => {
    const fixture = fileURLToPath(new URL('./__fixtures__/exit-after-dispose.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@mmpt/source', fixture], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout).toContain('values 2,4,6');
    expect(child.status).toBe(0);
  });
});
