import { type WebGpuAdapterReport, adapterReport } from './runtime/adapter-report';
import { printWgslFromEnvironment } from './runtime/pipeline-cache';
import type { KernelStyle } from './kernels/kernel-context';
import { WebGpuBackend } from './webgpu-backend';

/** The options of {@link createWebGpuBackend}. */
export interface WebGpuBackendOptions {
  /** Run on this device instead of requesting one (it is not destroyed on dispose unless `destroyDevice`). */
  device?: GPUDevice;
  /** The WebGPU entry point to request an adapter from (default: `navigator.gpu`, else Dawn through the `webgpu` package). */
  gpu?: GPU;
  /** Adapter power preference. */
  powerPreference?: GPUPowerPreference;
  /** Ask for a fallback (software) adapter. */
  forceFallbackAdapter?: boolean;
  /** Features the device must have, besides `shader-f16` which is enabled wherever offered. */
  requiredFeatures?: GPUFeatureName[];
  /** Limits the device must have; by default the adapter's maxima for buffer sizes, workgroup storage and storage bindings are requested. */
  requiredLimits?: Record<string, number>;
  /** Enable float16 tensors where the adapter has `shader-f16` (default true). */
  float16?: boolean;
  /** Flags for Dawn's `create()` in Node (`'backend=vulkan'`, `'enable-dawn-features=...'`). */
  dawnFlags?: string[];
  /** Print the WGSL of each compiled kernel (default: the `MMPT_WEBGPU_PRINT_WGSL` environment variable). */
  printWgsl?: boolean;
  /** Bytes of released buffers kept for reuse at least (default 256 MiB); the pool also keeps up to the peak of bytes in use at once. */
  maxPooledBytes?: number;
  /** Dispatches recorded before a submit happens on its own (default 256). */
  maxDispatchesPerSubmit?: number;
  /**
   * Which kernels to run: `'gpu'` (workgroup-memory tiles and workgroup reductions, for GPUs) or
   * `'software'` (barrier-free kernels: software adapters such as lavapipe compile workgroup
   * barriers slowly and gain nothing from workgroup memory). Default: `'software'` on software
   * adapters, `'gpu'` elsewhere.
   */
  kernelStyle?: KernelStyle;
  /** Destroy the device on dispose (default: true when the backend requested the device, false for `device`). */
  destroyDevice?: boolean;
  /**
   * Node only: lower the calling thread's scheduling priority after the device is created. Dawn's
   * Node binding polls for GPU completion on the JavaScript thread; on a software adapter
   * (lavapipe) that thread competes with the driver's workers, and a low priority speeds them up.
   */
  lowerThreadPriority?: boolean;
}

/** The error of {@link createWebGpuBackend} when no WebGPU adapter exists. */
export class WebGpuUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebGpuUnavailableError';
  }
}

/** Adapter limits requested by default (their adapter maxima), so large tensors fit in one binding. */
const MAXIMISED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxStorageBuffersPerShaderStage',
] as const;

/**
 * Creates the WebGPU backend: in a browser through `navigator.gpu`, in Node through Dawn (the
 * `webgpu` package; on machines without a GPU Dawn runs on Mesa's lavapipe when it is installed),
 * or on a `GPUDevice` you already have. Rejects with {@link WebGpuUnavailableError} when there is
 * no adapter. Call `dispose()` when done.
 *
 * @example
 * const gpu = await createWebGpuBackend({ powerPreference: 'high-performance' });
 * console.log(gpu.adapter.description, gpu.adapter.shaderF16);
 * setDefaultBackend(gpu);
 * // ... train ...
 * gpu.dispose();
 */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const settings = {
    printWgsl: options.printWgsl ?? printWgslFromEnvironment(),
    maxPooledBytes: options.maxPooledBytes ?? 256 * 1024 * 1024,
    maxDispatchesPerSubmit: options.maxDispatchesPerSubmit ?? 256,
  };
  const style = (report: WebGpuAdapterReport): KernelStyle => options.kernelStyle ?? (report.isSoftware ? 'software' : 'gpu');
  if (options.device) {
    const report = adapterReport(null, options.device);
    return new WebGpuBackend(options.device, report, { ...settings, kernelStyle: style(report), destroyDevice: options.destroyDevice ?? false });
  }
  const gpu = options.gpu ?? (await defaultGpu(options.dawnFlags ?? []));
  const adapterOptions: GPURequestAdapterOptions = {};
  if (options.powerPreference) adapterOptions.powerPreference = options.powerPreference;
  if (options.forceFallbackAdapter) adapterOptions.forceFallbackAdapter = true;
  const adapter = await gpu.requestAdapter(adapterOptions);
  if (!adapter) {
    throw new WebGpuUnavailableError(
      'createWebGpuBackend: no WebGPU adapter is available (in Node without a GPU, install Mesa lavapipe and set XDG_RUNTIME_DIR)',
    );
  }
  const features = new Set<GPUFeatureName>(options.requiredFeatures ?? []);
  if (options.float16 !== false && adapter.features.has('shader-f16')) features.add('shader-f16');
  const requiredLimits: Record<string, number> = {};
  const adapterLimits = adapter.limits as unknown as Record<string, number | undefined>;
  for (const name of MAXIMISED_LIMITS) {
    const value = adapterLimits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  Object.assign(requiredLimits, options.requiredLimits);
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ label: 'mmpt', requiredFeatures: [...features], requiredLimits });
  } catch (error) {
    throw new Error(`createWebGpuBackend: the adapter refused the device (features ${[...features].join(', ') || 'none'}): ${String(error)}`);
  }
  if (options.lowerThreadPriority) await lowerThreadPriority();
  const report = adapterReport(adapter, device);
  return new WebGpuBackend(device, report, { ...settings, kernelStyle: style(report), destroyDevice: options.destroyDevice ?? true }, gpu);
}

/**
 * Dawn instances by their flags. One instance serves every backend of the process: Dawn for Node
 * aborts the process when an instance is garbage-collected after its devices were destroyed, and a
 * kept instance does not keep the process alive once its devices are destroyed.
 */
const dawnInstances = new Map<string, GPU>();

/** `navigator.gpu` where it exists, else Dawn's Node binding (the `webgpu` package). */
async function defaultGpu(dawnFlags: string[]): Promise<GPU> {
  const navigatorGpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (navigatorGpu) return navigatorGpu;
  const key = dawnFlags.join('\n');
  const existing = dawnInstances.get(key);
  if (existing) return existing;
  let dawn: { create: (flags: string[]) => GPU };
  try {
    // A computed specifier keeps browser bundlers from pulling Dawn's native addon into a bundle.
    const specifier = 'webgpu';
    dawn = (await import(/* @vite-ignore */ specifier)) as { create: (flags: string[]) => GPU };
  } catch (error) {
    throw new WebGpuUnavailableError(`createWebGpuBackend: navigator.gpu is absent and Dawn (the webgpu package) could not be loaded: ${String(error)}`);
  }
  const instance = dawn.create(dawnFlags);
  dawnInstances.set(key, instance);
  return instance;
}

async function lowerThreadPriority(): Promise<void> {
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (!isNode) return;
  const os = await import('node:os');
  try {
    os.setPriority(0, 19);
  } catch {
    // Not permitted here; the backend works at normal priority.
  }
}
