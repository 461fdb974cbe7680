import { afterEach, describe, expect, it, vi } from 'vitest';
import { gpuTestBackend, skipReason } from './gpu-test-backend';

/** A WebGPU entry point without adapters, as on a machine without GPU or lavapipe. */
const noAdapters = { requestAdapter: async () => null } as unknown as GPU;

describe('WebGPU test backends without an adapter', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skip with the reason outside CI', async () => {
    vi.stubEnv('CI', '');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await gpuTestBackend({ gpu: noAdapters })).toBeUndefined();
    expect(skipReason).toMatch(/no WebGPU adapter is available/);
  });

  it('fail under CI=true', async () => {
    vi.stubEnv('CI', 'true');
    await expect(gpuTestBackend({ gpu: noAdapters })).rejects.toThrow(/WebGPU tests must run in CI, but createWebGpuBackend: no WebGPU adapter/);
  });
});
