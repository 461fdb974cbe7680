import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type WebGpuBackendOptions, WebGpuUnavailableError, createWebGpuBackend } from '../create-webgpu-backend';
import type { WebGpuBackend } from '../webgpu-backend';

/** Dawn's Vulkan loader needs XDG_RUNTIME_DIR; give it a private folder when the environment has none. */
export function ensureRuntimeDirectory(): void {
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'mmpt-webgpu-'));
}

/** Why WebGPU tests are skipped, when they are. */
export let skipReason = '';

/**
 * The backend a test file runs on, or `undefined` when this machine has no WebGPU adapter: the
 * tests then skip with a message. Under CI (`CI=true`) a missing adapter is an error instead, so
 * that CI cannot pass without testing the GPU.
 */
export async function gpuTestBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend | undefined> {
  ensureRuntimeDirectory();
  try {
    return await createWebGpuBackend(options);
  } catch (error) {
    if (!(error instanceof WebGpuUnavailableError)) throw error;
    if (process.env.CI === 'true') throw new Error(`WebGPU tests must run in CI, but ${error.message}`);
    skipReason = error.message;
    console.warn(`Skipping WebGPU tests: ${error.message}`);
    return undefined;
  }
}

/** The title of a describe block, marked when its tests are skipped for want of an adapter. */
export function gpuSuiteTitle(title: string, backend: WebGpuBackend | undefined): string {
  return backend ? title : `${title} (skipped: no WebGPU adapter)`;
}

/**
 * A second backend on the same machine with the other kernel style (`gpu` where the default is
 * `software`, and the reverse), so that tests cover both families of kernels whatever the adapter.
 */
export async function otherStyleBackend(backend: WebGpuBackend | undefined): Promise<WebGpuBackend | undefined> {
  if (!backend) return undefined;
  return createWebGpuBackend({ kernelStyle: backend.kernelStyle === 'gpu' ? 'software' : 'gpu' });
}
