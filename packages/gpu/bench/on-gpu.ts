import type { BenchResult } from '../../../scripts/bench/harness.ts';
import { type WebGpuBackend, WebGpuUnavailableError, createWebGpuBackend } from '../src/index.ts';

/** Runs `body` on a fresh backend; no adapter gives no figures (and a note on stderr). */
export async function onGpu(name: string, body: (gpu: WebGpuBackend) => Promise<BenchResult[]>): Promise<BenchResult[]> {
  let gpu: WebGpuBackend;
  try {
    gpu = await createWebGpuBackend();
  } catch (error) {
    if (error instanceof WebGpuUnavailableError) {
      console.error(`${name}: skipped, ${error.message}`);
      return [];
    }
    throw error;
  }
  try {
    return await body(gpu);
  } finally {
    gpu.dispose();
  }
}

/** What the table says of the adapter: its description, and that software timings mean nothing. */
export function adapterNote(gpu: WebGpuBackend): string {
  const name = gpu.adapter.description || gpu.adapter.deviceName || gpu.adapter.vendor;
  return `${name}${gpu.adapter.isSoftware ? ' (software adapter: not a GPU figure)' : ''}, ${gpu.kernelStyle} kernels`;
}
