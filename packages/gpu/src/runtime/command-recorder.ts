import type { BufferPool, PooledBuffer } from './buffer-pool';
import type { ErrorTracker } from './error-tracker';
import { BufferUsage } from './gpu-constants';
import type { GpuStorage } from './gpu-storage';
import type { CompiledKernel } from './pipeline-cache';
import { PARAMETER_SLOT_BYTES, UniformArena } from './uniform-arena';

/**
 * Records the dispatches and copies of the backend into one command encoder (dispatches share one
 * compute pass until a copy needs the encoder) and submits them together: when a readback needs
 * the results, or after `maxDispatches` dispatches. Buffers released while an unsubmitted command
 * uses them go back to the pool only after the submit.
 */
export class CommandRecorder {
  #window = 0;
  #encoder: GPUCommandEncoder | null = null;
  #pass: GPUComputePassEncoder | null = null;
  #dispatches = 0;
  #kernels = new Set<string>();
  #deferred: PooledBuffer[] = [];
  #staging: GPUBuffer[] = [];
  #submits = 0;
  readonly #arena: UniformArena;

  constructor(
    private readonly device: GPUDevice,
    private readonly pool: BufferPool,
    private readonly errors: ErrorTracker,
    private readonly maxDispatches: number,
  ) {
    this.#arena = new UniformArena(device, maxDispatches);
  }

  /** The id of the window of commands being recorded (increases at each submit). */
  get window(): number {
    return this.#window;
  }

  /** Whether commands wait to be submitted. */
  get pending(): boolean {
    return this.#encoder !== null;
  }

  /** Submits made so far. */
  get submits(): number {
    return this.#submits;
  }

  /** Records one dispatch of a compiled kernel with its parameters and storage buffers. */
  dispatch(kernel: string, compiled: CompiledKernel, params: ArrayLike<number>, buffers: readonly GpuStorage[], workgroups: readonly [number, number, number]): void {
    if (this.#arena.full || this.#dispatches >= this.maxDispatches) this.flush();
    const offset = this.#arena.push(params);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: this.#arena.buffer, offset, size: PARAMETER_SLOT_BYTES } }];
    for (const [index, storage] of buffers.entries()) {
      entries.push({ binding: index + 1, resource: { buffer: storage.buffer, offset: 0, size: storage.bindingSize } });
      storage.lastWindow = this.#window;
    }
    const bindGroup = this.device.createBindGroup({ label: compiled.label, layout: compiled.layout, entries });
    const pass = this.computePass();
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
    this.#dispatches++;
    this.#kernels.add(kernel);
  }

  /** Records a buffer-to-buffer copy (byte offsets and size are multiples of 4). */
  copy(source: GPUBuffer, sourceOffset: number, target: GPUBuffer, targetOffset: number, bytes: number): void {
    if (bytes === 0) return;
    this.encoder().copyBufferToBuffer(source, sourceOffset, target, targetOffset, bytes);
  }

  /** Records zeroing a byte range of a buffer. */
  clear(target: GPUBuffer, offset: number, bytes: number): void {
    if (bytes === 0) return;
    this.encoder().clearBuffer(target, offset, bytes);
  }

  /**
   * Writes host bytes into a storage buffer in command order: straight through the queue when no
   * unsubmitted command uses the buffer, else through a staging buffer copied by the encoder.
   */
  write(storage: GpuStorage, bytes: Uint8Array): void {
    if (storage.lastWindow !== this.#window || !this.pending) {
      this.device.queue.writeBuffer(storage.buffer, 0, bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return;
    }
    const staging = this.device.createBuffer({
      label: 'mmpt write staging',
      size: bytes.byteLength,
      usage: BufferUsage.MAP_WRITE | BufferUsage.COPY_SRC,
      mappedAtCreation: true,
    });
    new Uint8Array(staging.getMappedRange()).set(bytes);
    staging.unmap();
    this.copy(staging, 0, storage.buffer, 0, bytes.byteLength);
    this.#staging.push(staging);
  }

  /** Marks a storage buffer as used by the commands being recorded. */
  use(storage: GpuStorage): void {
    storage.lastWindow = this.#window;
  }

  /** Gives a buffer back to the pool, after the submit if an unsubmitted command uses it. */
  release(pooled: PooledBuffer, lastWindow: number): void {
    if (lastWindow === this.#window && this.pending) this.#deferred.push(pooled);
    else this.pool.release(pooled);
  }

  /** Submits the recorded commands (nothing when none wait). */
  flush(): void {
    if (!this.#encoder) return;
    this.endPass();
    this.#arena.upload();
    const commands = this.#encoder.finish({ label: `mmpt submit ${this.#submits}` });
    this.#encoder = null;
    this.device.queue.submit([commands]);
    this.#submits++;
    const kernels = [...this.#kernels];
    this.errors.closeWindow(() => (kernels.length === 1 ? (kernels[0] as string) : `one of ${kernels.join(', ')}`));
    this.errors.openWindow();
    for (const pooled of this.#deferred) this.pool.release(pooled);
    for (const staging of this.#staging) staging.destroy();
    this.#deferred = [];
    this.#staging = [];
    this.#kernels = new Set();
    this.#dispatches = 0;
    this.#window++;
  }

  destroy(): void {
    this.#arena.destroy();
  }

  private encoder(): GPUCommandEncoder {
    this.endPass();
    this.#encoder ??= this.device.createCommandEncoder({ label: `mmpt commands ${this.#submits}` });
    return this.#encoder;
  }

  private computePass(): GPUComputePassEncoder {
    if (this.#pass) return this.#pass;
    this.#encoder ??= this.device.createCommandEncoder({ label: `mmpt commands ${this.#submits}` });
    this.#pass = this.#encoder.beginComputePass({ label: `mmpt pass ${this.#submits}` });
    return this.#pass;
  }

  private endPass(): void {
    this.#pass?.end();
    this.#pass = null;
  }
}
