import { type Backend, createCpuBackend } from '@mmpt/tensor';

/** Which backend a run uses: the CPU, WebGPU, or WebGPU only on a hardware adapter (`auto`). */
export type DeviceChoice = 'cpu' | 'webgpu' | 'auto';

/** A created backend and a sentence saying why it was chosen. */
export interface DeviceSelection {
  backend: Backend;
  reason: string;
}

/**
 * Creates the backend of a run. `auto` takes WebGPU only on a hardware adapter, never on a software
 * one such as lavapipe (which is slower than the CPU backend), and the CPU otherwise; `webgpu` fails
 * clearly when there is no adapter. `@mmpt/gpu` is loaded only when WebGPU is wanted.
 */
export async function selectDevice(choice: DeviceChoice, options: { threads?: number } = {}): Promise<DeviceSelection> {
  const cpu = (reason: string): DeviceSelection => ({ backend: createCpuBackend(options.threads === undefined ? {} : { threads: options.threads }), reason });
  if (choice === 'cpu') return cpu('cpu: as asked');
  if (choice !== 'webgpu' && choice !== 'auto') throw new Error(`Unknown device "${String(choice)}"; choose cpu, webgpu or auto`);
  let gpuModule: typeof import('@mmpt/gpu');
  try {
    gpuModule = await import('@mmpt/gpu');
  } catch (error) {
    if (choice === 'webgpu') throw new Error(`--device webgpu: cannot load @mmpt/gpu: ${(error as Error).message}`);
    return cpu(`cpu: @mmpt/gpu cannot be loaded (${(error as Error).message})`);
  }
  let gpu: Awaited<ReturnType<typeof gpuModule.createWebGpuBackend>>;
  try {
    gpu = await gpuModule.createWebGpuBackend({ lowerThreadPriority: true });
  } catch (error) {
    if (choice === 'webgpu') throw new Error(`--device webgpu: ${(error as Error).message}`);
    return cpu(`cpu: no WebGPU adapter (${(error as Error).message})`);
  }
  const name = gpu.adapter.description || gpu.adapter.deviceName || gpu.adapter.vendor || 'unknown adapter';
  if (choice === 'auto' && gpu.adapter.isSoftware) {
    gpu.dispose();
    return cpu(`cpu: the WebGPU adapter (${name}) is a software renderer, slower than the CPU backend`);
  }
  return { backend: gpu, reason: `webgpu: ${name}` };
}
