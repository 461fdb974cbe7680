import type { Backend, BackendMemory, DType, KernelAttributes, KernelName, KernelTensor, TypedArray } from '@mmpt/tensor';
import { type GpuKernelTable, gpuKernelTable } from './kernels/kernel-table';
import type { KernelContext, KernelStyle } from './kernels/kernel-context';
import type { WebGpuAdapterReport } from './runtime/adapter-report';
import { BufferPool, type PoolStats } from './runtime/buffer-pool';
import { CommandRecorder } from './runtime/command-recorder';
import { ErrorTracker, WebGpuError } from './runtime/error-tracker';
import { IndexStatus, type StatusCheck } from './runtime/index-status';
import { TableCache } from './runtime/table-cache';
import { MapMode, READBACK_USAGE, TENSOR_USAGE } from './runtime/gpu-constants';
import { GpuStorage, type GpuTensor } from './runtime/gpu-storage';
import { fromGpuLayout, gpuByteLength, toGpuLayout } from './runtime/host-data';
import { PipelineCache } from './runtime/pipeline-cache';

/** Settings of a {@link WebGpuBackend} once its device exists. */
export interface WebGpuBackendSettings {
  /** Print the WGSL of each compiled kernel. */
  printWgsl: boolean;
  /** Most bytes of released buffers kept for reuse. */
  maxPooledBytes: number;
  /** Dispatches recorded before a submit happens on its own. */
  maxDispatchesPerSubmit: number;
  /** Destroy the device in `dispose()` (true for devices the backend requested). */
  destroyDevice: boolean;
  /** Which kernels to use (see {@link KernelStyle}). */
  kernelStyle: KernelStyle;
}

/** GPU memory beyond the live tensors. */
export interface WebGpuMemory extends BackendMemory {
  /** Pooled buffers waiting for reuse. */
  pool: PoolStats;
  /** Compiled pipelines. */
  pipelines: number;
  /** Command buffers submitted. */
  submits: number;
}

let nextDeviceIndex = 0;

/** Lookup tables kept on the GPU before the least recently used is dropped. */
const MAX_TABLES = 64;


/**
 * The WebGPU backend of `@mmpt/tensor`: tensors live in GPU storage buffers, kernels are
 * hand-written WGSL compiled once per configuration, dispatches are batched into few submits, and
 * readback is asynchronous (`await t.data()`; there is no `dataSync`). Create it with
 * `createWebGpuBackend()` and call `dispose()` when done: it destroys the device, without which a
 * Node process does not exit.
 */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  readonly device: string;
  readonly dtypes: readonly DType[];
  /** The adapter and device: info, features, limits, whether it is a software adapter. */
  readonly adapter: WebGpuAdapterReport;
  readonly #gpuDevice: GPUDevice;
  readonly #kernels: GpuKernelTable = gpuKernelTable();
  readonly #errors: ErrorTracker;
  readonly #pool: BufferPool;
  readonly #pipelines: PipelineCache;
  readonly #recorder: CommandRecorder;
  readonly #settings: WebGpuBackendSettings;
  readonly #lost: Promise<GPUDeviceLostInfo>;
  readonly #maxBinding: number;
  readonly #maxWorkgroups: number;
  /** Allocations whose errors are blamed on the kernel that runs next. */
  #unclaimed: Array<{ kernel: string | null }> = [];
  readonly #status: IndexStatus;
  readonly #tables: TableCache;
  #bytes = 0;
  #buffers = 0;
  #disposed = false;
  /** Keeps the object that owns the device (Dawn's `GPU`) alive as long as the backend. */
  #owner: unknown;

  constructor(gpuDevice: GPUDevice, adapter: WebGpuAdapterReport, settings: WebGpuBackendSettings, owner?: unknown) {
    this.#gpuDevice = gpuDevice;
    this.adapter = adapter;
    this.#settings = settings;
    this.#owner = owner;
    this.device = `webgpu:${nextDeviceIndex++}`;
    this.dtypes = adapter.shaderF16 ? ['float32', 'int32', 'bool', 'float16'] : ['float32', 'int32', 'bool'];
    this.#maxBinding = gpuDevice.limits.maxStorageBufferBindingSize;
    this.#maxWorkgroups = gpuDevice.limits.maxComputeWorkgroupsPerDimension;
    this.#errors = new ErrorTracker(gpuDevice);
    this.#errors.openWindow();
    this.#pool = new BufferPool(
      (descriptor) => this.#errors.scoped(this.allocationCulprit(), 'allocation', () => gpuDevice.createBuffer(descriptor)),
      settings.maxPooledBytes,
    );
    this.#pipelines = new PipelineCache(gpuDevice, this.#errors, settings.printWgsl);
    this.#recorder = new CommandRecorder(gpuDevice, this.#pool, this.#errors, settings.maxDispatchesPerSubmit);
    this.#status = new IndexStatus(gpuDevice, this.#pool, this.#recorder);
    this.#tables = new TableCache(this.#pool, this.#recorder, MAX_TABLES);
    this.#lost = gpuDevice.lost;
    void this.#lost.then((info) => {
      if (!this.#disposed) this.#errors.deviceLost(info);
    });
  }

  /** The kernel style in use: `gpu` (workgroup-memory tiles) or `software` (barrier-free kernels for software adapters). */
  get kernelStyle(): KernelStyle {
    return this.#settings.kernelStyle;
  }

  /** The GPUDevice the backend runs on. */
  get gpuDevice(): GPUDevice {
    return this.#gpuDevice;
  }

  /** Whether `dispose()` was called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  allocate(dtype: DType, size: number): GpuStorage {
    this.assertUsable('allocate');
    if (!this.dtypes.includes(dtype)) throw new Error(`The webgpu backend does not support the dtype ${dtype} (it supports ${this.dtypes.join(', ')})`);
    const byteLength = gpuByteLength(dtype, size);
    const maxBufferSize = this.#gpuDevice.limits.maxBufferSize;
    if (byteLength > maxBufferSize) {
      throw new RangeError(`webgpu: a ${dtype} tensor of ${size} elements needs ${byteLength} bytes, beyond the device's maxBufferSize of ${maxBufferSize}`);
    }
    const pooled = this.#pool.acquire(Math.max(byteLength, 4), TENSOR_USAGE, `mmpt tensor ${dtype}[${size}]`);
    this.#bytes += pooled.capacity;
    this.#buffers++;
    return new GpuStorage(pooled, dtype, size, byteLength);
  }

  free(buffer: unknown): void {
    const storage = buffer as GpuStorage;
    if (storage.freed) return;
    storage.freed = true;
    this.#bytes -= storage.pooled.capacity;
    this.#buffers--;
    if (this.#disposed) return;
    this.#recorder.release(storage.pooled, storage.lastWindow);
  }

  write(buffer: unknown, dtype: DType, data: TypedArray): void {
    this.assertUsable('write');
    const storage = buffer as GpuStorage;
    const size = Math.min(data.length, storage.size);
    if (size === 0) return;
    this.#recorder.write(storage, toGpuLayout(dtype, data, size));
  }

  async read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    this.assertUsable('read');
    this.#errors.throwIfFailed('read');
    const storage = buffer as GpuStorage;
    const bytes = gpuByteLength(dtype, size);
    if (bytes === 0) {
      this.#recorder.flush();
      await this.#errors.settle('read');
      return fromGpuLayout(dtype, new ArrayBuffer(0), 0);
    }
    const staging = this.#pool.acquire(bytes, READBACK_USAGE, 'mmpt readback');
    this.#recorder.copy(storage.buffer, 0, staging.buffer, 0, bytes);
    const status = this.#status.copyForCheck();
    this.#recorder.flush();
    let data: TypedArray;
    try {
      await this.mapped(staging.buffer, bytes, dtype, size);
      data = fromGpuLayout(dtype, staging.buffer.getMappedRange(0, bytes), size);
      staging.buffer.unmap();
      this.#pool.release(staging);
    } catch (error) {
      status?.staging.destroy();
      this.#errors.throwIfFailed('read');
      throw error;
    }
    if (status) await this.checkStatus(status);
    await this.#errors.settle('read');
    return data;
  }

  hasKernel(name: KernelName): boolean {
    return this.#kernels[name] !== undefined;
  }

  run<K extends KernelName>(name: K, inputs: readonly KernelTensor[], outputs: readonly KernelTensor[], attributes: KernelAttributes[K]): void {
    this.assertUsable(name);
    for (const claim of this.#unclaimed) claim.kernel = name;
    this.#unclaimed = [];
    this.#errors.throwIfFailed(name);
    const kernel = this.#kernels[name] as GpuKernelTable[K] | undefined;
    if (!kernel) throw new Error(`Kernel "${name}" is not implemented by the webgpu backend`);
    const tensors = (list: readonly KernelTensor[]): GpuTensor[] =>
      list.map((tensor) => {
        const storage = tensor.buffer as GpuStorage;
        if (storage.bindingSize > this.#maxBinding) {
          throw new RangeError(
            `Kernel "${name}": a ${tensor.dtype} tensor of ${tensor.size} elements (${storage.bindingSize} bytes) exceeds the device's maxStorageBufferBindingSize of ${this.#maxBinding} bytes`,
          );
        }
        return { storage, shape: tensor.shape, dtype: tensor.dtype, size: tensor.size };
      });
    (kernel as (context: KernelContext, inputs: GpuTensor[], outputs: GpuTensor[], attributes: KernelAttributes[K]) => void)(
      this.context(name),
      tensors(inputs),
      tensors(outputs),
      attributes,
    );
  }

  memory(): BackendMemory {
    return { bytes: this.#bytes, buffers: this.#buffers };
  }

  /** Live tensor memory plus the pool, the pipeline cache and submit counts. */
  gpuMemory(): WebGpuMemory {
    return { ...this.memory(), pool: this.#pool.stats(), pipelines: this.#pipelines.size, submits: this.#recorder.submits };
  }

  /** Submits the recorded commands now (readback does it on its own). */
  flush(): void {
    this.assertUsable('flush');
    this.#recorder.flush();
  }

  /** Waits until every submitted command has run, then throws the first error found (naming its kernel). */
  async synchronize(): Promise<void> {
    this.assertUsable('synchronize');
    const status = this.#status.copyForCheck();
    this.#recorder.flush();
    await this.#gpuDevice.queue.onSubmittedWorkDone();
    if (status) await this.checkStatus(status);
    await this.#errors.settle('synchronize');
  }

  /** Releases the device (destroying it when the backend requested it); tensors of the backend are unusable after. */
  dispose(): void {
    if (this.#disposed) return;
    try {
      this.#recorder.flush();
    } finally {
      this.#disposed = true;
      this.#pool.clear();
      this.#recorder.destroy();
      this.#status.destroy();
      this.#tables.destroy();
      if (this.#settings.destroyDevice) this.#gpuDevice.destroy();
      this.#owner = undefined;
    }
  }

  private assertUsable(what: string): void {
    if (this.#disposed) throw new Error(`${what}: the webgpu backend (${this.device}) was disposed`);
  }

  private allocationCulprit(): () => string {
    const claim: { kernel: string | null } = { kernel: null };
    this.#unclaimed.push(claim);
    return () => claim.kernel ?? 'allocate';
  }

  private context(kernel: string): KernelContext {
    return {
      kernel,
      style: this.#settings.kernelStyle,
      maxWorkgroupsPerDimension: this.#maxWorkgroups,
      maxStorageBuffers: this.#gpuDevice.limits.maxStorageBuffersPerShaderStage,
      dispatch: (program, params, buffers, workgroups) => {
        this.#recorder.dispatch(program.kernel, this.#pipelines.get(program), params, buffers, workgroups);
      },
      temporary: (dtype, size) => {
        const byteLength = gpuByteLength(dtype, size);
        return new GpuStorage(this.#pool.acquire(Math.max(byteLength, 4), TENSOR_USAGE, `mmpt scratch of ${kernel}`), dtype, size, byteLength);
      },
      release: (storage) => {
        storage.freed = true;
        this.#recorder.release(storage.pooled, storage.lastWindow);
      },
      copy: (source, sourceOffset, target, targetOffset, bytes) => {
        this.#recorder.use(source);
        this.#recorder.use(target);
        this.#recorder.copy(source.buffer, sourceOffset, target.buffer, targetOffset, bytes);
      },
      table: (key, build) => this.#tables.get(key, build),
      status: () => this.#status.reserve(kernel),
    };
  }

  private async checkStatus(check: StatusCheck): Promise<void> {
    const error = await this.#status.check(check);
    if (error) this.#errors.record(error);
  }

  private async mapped(buffer: GPUBuffer, bytes: number, dtype: DType, size: number): Promise<void> {
    try {
      await buffer.mapAsync(MapMode.READ, 0, bytes);
    } catch (error) {
      const lost = this.#errors.lost;
      const reason = lost ? `the device was lost (${lost.reason}: ${lost.message.trim()})` : String(error);
      throw new WebGpuError(`read: reading a ${dtype} tensor of ${size} elements failed: ${reason}`, 'read', lost ? 'device-lost' : 'internal');
    }
  }
}
