/** The error scopes a window of commands is checked with. */
const WINDOW_FILTERS: readonly GPUErrorFilter[] = ['validation', 'out-of-memory', 'internal'];

/** The part of a GPUDevice the tracker uses (so that tests can give it a stand-in). */
export type ErrorScopeDevice = Pick<GPUDevice, 'pushErrorScope' | 'popErrorScope'>;

/** What failed, for messages: one kernel or the kernels of a submit. */
export type Culprit = string | (() => string);

/** An error raised by the WebGPU backend; `kernel` names the kernel it concerns. */
export class WebGpuError extends Error {
  constructor(
    message: string,
    readonly kernel: string,
    readonly kind: 'compilation' | 'out-of-memory' | 'validation' | 'internal' | 'device-lost' | 'index',
  ) {
    super(message);
    this.name = 'WebGpuError';
  }
}

function describe(filter: GPUErrorFilter): WebGpuError['kind'] {
  return filter === 'out-of-memory' ? 'out-of-memory' : filter === 'internal' ? 'internal' : 'validation';
}

/**
 * Collects the asynchronous errors of a device and turns them into {@link WebGpuError}s that name
 * the kernel. Every API call of the backend happens inside an open "window" of error scopes
 * (validation, out-of-memory, internal), closed and reopened at each submit; narrower scopes
 * (one pipeline's compilation, one buffer allocation) nest inside. The first error found is kept
 * and thrown by the next `run` (synchronously, once it is known) or `read` (which awaits every
 * open check).
 */
export class ErrorTracker {
  readonly #pending = new Set<Promise<void>>();
  #error: WebGpuError | null = null;
  #lost: GPUDeviceLostInfo | null = null;
  #windowOpen = false;

  constructor(private readonly device: ErrorScopeDevice) {}

  /** Opens the window scopes (once, at start, and again after each {@link closeWindow}). */
  openWindow(): void {
    if (this.#windowOpen) return;
    for (const filter of WINDOW_FILTERS) this.device.pushErrorScope(filter);
    this.#windowOpen = true;
  }

  /** Closes the window scopes; errors in them are blamed on `culprit` unless their message names a kernel. */
  closeWindow(culprit: Culprit): void {
    if (!this.#windowOpen) return;
    this.#windowOpen = false;
    for (const filter of [...WINDOW_FILTERS].reverse()) this.watch(this.device.popErrorScope(), culprit, describe(filter), '');
  }

  /**
   * Runs `create` inside scopes of its own and blames what fails on `kernel`: a pipeline's WGSL
   * compilation, a buffer's allocation.
   */
  scoped<T>(kernel: Culprit, kind: 'compilation' | 'allocation', create: () => T): T {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    try {
      return create();
    } finally {
      this.watch(this.device.popErrorScope(), kernel, kind === 'compilation' ? 'compilation' : 'validation', kind === 'allocation' ? 'allocating a buffer: ' : '');
      this.watch(this.device.popErrorScope(), kernel, 'out-of-memory', kind === 'allocation' ? 'allocating a buffer: ' : '');
    }
  }

  /** Records an error found another way (an out-of-range index, a lost device). */
  record(error: WebGpuError): void {
    this.#error ??= error;
  }

  /** Called when the device is lost. */
  deviceLost(info: GPUDeviceLostInfo): void {
    this.#lost = info;
  }

  /** The loss of the device, if it happened. */
  get lost(): GPUDeviceLostInfo | null {
    return this.#lost;
  }

  /**
   * Throws the first error found (once), or a device-lost error naming `kernel` (or, for a
   * readback, `read`).
   */
  throwIfFailed(kernel: string): void {
    if (this.#lost) {
      const what = kernel === 'read' ? 'Reading a tensor back failed' : `Kernel "${kernel}" cannot run`;
      throw new WebGpuError(`${what}: the WebGPU device was lost (${this.#lost.reason}: ${this.#lost.message.trim()})`, kernel, 'device-lost');
    }
    const error = this.#error;
    if (error) {
      this.#error = null;
      throw error;
    }
  }

  /** Waits for every open check, then throws the first error found. */
  async settle(kernel: string): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    this.throwIfFailed(kernel);
  }

  private watch(scope: Promise<GPUError | null>, culprit: Culprit, kind: WebGpuError['kind'], prefix: string): void {
    const check = scope.then(
      (error) => {
        if (error) this.record(toWebGpuError(error.message, culprit, kind, prefix));
      },
      (reason: unknown) => {
        if (!this.#lost) this.record(toWebGpuError(String(reason), culprit, 'internal', prefix));
      },
    );
    const tracked = check.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}

/** Kernel names appear in GPU object labels as `mmpt:<kernel>:...`. */
const LABEL_PATTERN = /mmpt:([A-Za-z0-9]+):/;

function toWebGpuError(message: string, culprit: Culprit, kind: WebGpuError['kind'], prefix: string): WebGpuError {
  const labelled = LABEL_PATTERN.exec(message)?.[1];
  const kernel = labelled ?? (typeof culprit === 'string' ? culprit : culprit());
  const what =
    kind === 'compilation' ? 'WGSL compilation failed' : kind === 'out-of-memory' ? 'out of GPU memory' : kind === 'internal' ? 'internal GPU error' : 'GPU validation error';
  return new WebGpuError(`WebGPU kernel "${kernel}": ${what}: ${prefix}${message.trim()}`, kernel, kind);
}
