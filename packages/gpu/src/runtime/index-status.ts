import type { BufferPool } from './buffer-pool';
import type { CommandRecorder } from './command-recorder';
import { WebGpuError } from './error-tracker';
import { MapMode, READBACK_USAGE, TENSOR_USAGE } from './gpu-constants';
import { GpuStorage } from './gpu-storage';

/** Words of the status buffer: the failing launch's tag, the offending index, the axis size. */
const STATUS_BYTES = 16;

/** A pending look at the status buffer: the copy being read and the kernels its tags stand for. */
export interface StatusCheck {
  readonly staging: GPUBuffer;
  readonly kernels: readonly string[];
}

/**
 * Where kernels that index with tensor values (gather, scatterAdd) report an out-of-range index:
 * a small buffer the first failing launch writes its tag, the index and the axis size into. Each
 * launch gets a tag naming its kernel; the readbacks after such launches copy the buffer too, and
 * a failure becomes a {@link WebGpuError} naming the kernel.
 */
export class IndexStatus {
  #storage: GpuStorage | null = null;
  #kernels: string[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
    private readonly recorder: CommandRecorder,
  ) {}

  /** Whether launches reported into the buffer since it was last checked. */
  get pending(): boolean {
    return this.#kernels.length > 0;
  }

  /** The status buffer and a tag for one launch of `kernel` (the buffer is cleared first after each check). */
  reserve(kernel: string): { storage: GpuStorage; tag: number } {
    this.#storage ??= new GpuStorage(this.pool.acquire(STATUS_BYTES, TENSOR_USAGE, 'mmpt index status'), 'int32', STATUS_BYTES / 4, STATUS_BYTES);
    if (this.#kernels.length === 0) this.recorder.clear(this.#storage.buffer, 0, STATUS_BYTES);
    this.#kernels.push(kernel);
    return { storage: this.#storage, tag: this.#kernels.length };
  }

  /** Records a copy of the buffer for the coming submit, or nothing when no launch reported since the last check. */
  copyForCheck(): StatusCheck | null {
    if (!this.#storage || this.#kernels.length === 0) return null;
    const staging = this.device.createBuffer({ label: 'mmpt index status readback', size: STATUS_BYTES, usage: READBACK_USAGE });
    this.recorder.copy(this.#storage.buffer, 0, staging, 0, STATUS_BYTES);
    const kernels = this.#kernels;
    this.#kernels = [];
    return { staging, kernels };
  }

  /** Reads a copy (once its submit ran): the error it reports, or null. */
  async check({ staging, kernels }: StatusCheck): Promise<WebGpuError | null> {
    try {
      await staging.mapAsync(MapMode.READ);
      const [tag, value, size] = new Int32Array(staging.getMappedRange().slice(0));
      staging.unmap();
      if (!tag) return null;
      const kernel = kernels[(tag as number) - 1] ?? 'unknown';
      return new WebGpuError(`${kernel}: index ${value} is out of range for an axis of size ${size} (found on webgpu)`, kernel, 'index');
    } finally {
      staging.destroy();
    }
  }

  destroy(): void {
    this.#storage?.buffer.destroy();
    this.#storage = null;
  }
}
