import { Worker } from 'node:worker_threads';
import { controlLayout as layout } from './control-block';
import { wasm } from './webassembly';
import type { WasmMemory, WasmModule } from './webassembly';
import { workerSource } from './worker-source';

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Threads taking part in a run, the calling thread included (>= 1). */
  threads: number;
  /** The compiled kernels; every thread instantiates it on {@link ThreadPoolOptions.memory}. */
  module: WasmModule;
  /** The shared memory the module imports as `env.memory`. */
  memory: WasmMemory;
  /** Exports that {@link ThreadPool.run} may call. */
  functionNames: readonly string[];
  /**
   * Polls of its control slot a worker spins after a job before it sleeps (default 20000,
   * about 150 µs): a job posted while it spins starts at once, while waking a sleeping thread
   * costs tens to hundreds of µs on a virtual machine.
   */
  spin?: number;
  /**
   * Polls the calling thread spins on a worker's completion before it sleeps (default 1000).
   * Kept short: a caller that spins can hold the core a worker needs.
   */
  callerSpin?: number;
}

/** Milliseconds between checks that a worker is still alive while waiting for it. */
const LIVENESS_CHECK_MS = 50;

/**
 * Synchronous parallel execution of WebAssembly exports: the calling thread runs one share of
 * the work itself and `threads - 1` worker threads run the others, all on the same shared
 * memory, and {@link ThreadPool.run} returns only when every share is done.
 *
 * Work is posted through a control block in a SharedArrayBuffer (`Atomics.store` +
 * `Atomics.notify`); the caller blocks in `Atomics.wait` (allowed on Node's main thread).
 * Workers are `unref()`ed, so an idle pool does not keep the process alive; {@link
 * ThreadPool.dispose} stops them. An exception or trap in a worker is rethrown by `run` as an
 * Error; a worker that died makes `run` throw instead of hanging.
 */
export class ThreadPool {
  /** Threads taking part in a run, the calling thread included. */
  readonly threads: number;
  private readonly functionNames: readonly string[];
  private readonly functions: readonly ((...args: number[]) => unknown)[];
  private readonly workers: Worker[] = [];
  private readonly slots: Int32Array[] = [];
  private readonly argumentViews: Float64Array[] = [];
  private readonly messageViews: Uint8Array[] = [];
  private readonly sequences: number[] = [];
  private readonly spin: number;
  private readonly callerSpin: number;
  private disposed = false;
  private brokenReason: string | undefined;

  constructor(options: ThreadPoolOptions) {
    const { threads, module, memory, functionNames } = options;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`ThreadPool: threads must be an integer >= 1, got ${threads}`);
    }
    this.threads = threads;
    this.functionNames = functionNames;
    this.spin = options.spin ?? 20000;
    this.callerSpin = options.callerSpin ?? 1000;
    const instance = new wasm.Instance(module, { env: { memory } });
    this.functions = functionNames.map((name) => {
      const fn = instance.exports[name];
      if (typeof fn !== 'function') {
        throw new Error(`ThreadPool: the module has no exported function "${name}"`);
      }
      return fn as (...args: number[]) => unknown;
    });
    const workerCount = threads - 1;
    if (workerCount === 0) return;
    const control = new SharedArrayBuffer(workerCount * layout.SLOT_BYTES);
    for (let slot = 0; slot < workerCount; slot++) {
      const base = slot * layout.SLOT_BYTES;
      this.slots.push(new Int32Array(control, base, layout.SLOT_BYTES / 4));
      this.argumentViews.push(
        new Float64Array(control, base + layout.ARGUMENTS_BYTE, layout.MAX_ARGUMENTS),
      );
      this.messageViews.push(new Uint8Array(control, base + layout.MESSAGE_BYTE, layout.MESSAGE_BYTES));
      this.sequences.push(0);
      const worker = new Worker(workerSource, {
        eval: true,
        workerData: {
          module,
          memory,
          control,
          slot,
          functionNames: [...functionNames],
          spin: this.spin,
          layout: { ...layout },
        },
      });
      worker.unref();
      // Errors are reported through the control block; keep stray 'error' events from
      // becoming uncaught exceptions of the process.
      worker.on('error', () => {});
      this.workers.push(worker);
    }
  }

  /**
   * Calls the export `name` once per share, `shares[0]` on the calling thread and
   * `shares[t]` on worker `t`, and returns when all calls have finished.
   *
   * With `cooperative`, the shares take their work from a common pool (like the GEMM's
   * work-item counter), so that once the calling thread's share returns, all work has been
   * taken: a worker that has not started its share by then (a sleeping thread can take
   * hundreds of µs to wake) is withdrawn instead of waited for.
   *
   * @throws Error if a call threw or trapped (the first failure; the message names the
   *   thread), if a worker died, if there are more shares than threads, or after dispose.
   */
  run(name: string, shares: readonly (readonly number[])[], cooperative = false): void {
    if (this.disposed) throw new Error('ThreadPool: the pool has been disposed');
    if (this.brokenReason !== undefined) {
      throw new Error(`ThreadPool: the pool is unusable: ${this.brokenReason}`);
    }
    const functionIndex = this.functionNames.indexOf(name);
    const fn = this.functions[functionIndex];
    if (fn === undefined) throw new Error(`ThreadPool: unknown function "${name}"`);
    if (shares.length === 0) return;
    if (shares.length > this.threads) {
      throw new RangeError(
        `ThreadPool: ${shares.length} shares for ${this.threads} threads (at most one share per thread)`,
      );
    }
    const posted = shares.length - 1;
    for (let worker = 0; worker < posted; worker++) {
      const args = shares[worker + 1] as readonly number[];
      if (args.length > layout.MAX_ARGUMENTS) {
        throw new RangeError(`ThreadPool: at most ${layout.MAX_ARGUMENTS} arguments, got ${args.length}`);
      }
    }
    for (let worker = 0; worker < posted; worker++) {
      const args = shares[worker + 1] as readonly number[];
      const slot = this.slots[worker] as Int32Array;
      (this.argumentViews[worker] as Float64Array).set(args);
      slot[layout.FUNCTION] = functionIndex;
      slot[layout.ARGUMENT_COUNT] = args.length;
      const sequence = this.nextSequence(worker);
      Atomics.store(slot, layout.CLAIM, sequence);
      Atomics.store(slot, layout.SEQUENCE, sequence);
      Atomics.notify(slot, layout.SEQUENCE);
    }
    let failure: unknown;
    let failed = false;
    try {
      fn(...(shares[0] as readonly number[]));
    } catch (error) {
      failed = true;
      failure = error;
    }
    for (let worker = 0; worker < posted; worker++) {
      if (cooperative && !failed) {
        const slot = this.slots[worker] as Int32Array;
        const sequence = this.sequences[worker] as number;
        if (Atomics.compareExchange(slot, layout.CLAIM, sequence, layout.WITHDRAWN) === sequence) {
          continue;
        }
      }
      const error = this.waitFor(worker, name);
      if (error !== undefined && !failed) {
        failed = true;
        failure = error;
      }
    }
    if (failed) throw failure;
  }

  /** Stops the workers. The pool cannot run anything afterwards; calling it twice is fine. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (let worker = 0; worker < this.workers.length; worker++) {
      const slot = this.slots[worker] as Int32Array;
      slot[layout.FUNCTION] = layout.STOP;
      const sequence = this.nextSequence(worker);
      Atomics.store(slot, layout.SEQUENCE, sequence);
      Atomics.notify(slot, layout.SEQUENCE);
      void (this.workers[worker] as Worker).terminate().catch(() => {});
    }
  }

  /** Advances a worker's job sequence number, skipping the CLAIM sentinels (never 0, -1, -2). */
  private nextSequence(worker: number): number {
    let sequence = ((this.sequences[worker] as number) + 1) | 0;
    if (sequence <= 0 && sequence >= layout.WITHDRAWN) sequence = 1;
    this.sequences[worker] = sequence;
    return sequence;
  }

  /** Blocks until worker `worker` has finished its job; returns its error, if any. */
  private waitFor(worker: number, name: string): Error | undefined {
    const slot = this.slots[worker] as Int32Array;
    const sequence = this.sequences[worker] as number;
    let done = Atomics.load(slot, layout.DONE);
    for (let poll = 0; done !== sequence && poll < this.callerSpin; poll++) {
      done = Atomics.load(slot, layout.DONE);
    }
    while (done !== sequence) {
      Atomics.wait(slot, layout.DONE, done, LIVENESS_CHECK_MS);
      done = Atomics.load(slot, layout.DONE);
      if (done !== sequence && (this.workers[worker] as Worker).threadId === -1) {
        this.brokenReason = `worker thread ${worker + 1} exited while running "${name}"`;
        return new Error(`ThreadPool: ${this.brokenReason}`);
      }
    }
    if (slot[layout.STATUS] === 0) return undefined;
    const length = slot[layout.MESSAGE_LENGTH] as number;
    const message = new TextDecoder().decode(
      (this.messageViews[worker] as Uint8Array).slice(0, length),
    );
    return new Error(`ThreadPool: "${name}" failed on worker thread ${worker + 1}: ${message}`);
  }
}
