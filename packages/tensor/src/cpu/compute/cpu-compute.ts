import { availableParallelism } from 'node:os';
import { CpuHeap } from './cpu-heap';
import { detectRelaxedSimd } from './detect-relaxed-simd';
import { resolveGemm } from './gemm-params';
import type { GemmParams, ResolvedGemm } from './gemm-params';
import { resolveIm2col } from './im2col-params';
import type { Im2colParams, ResolvedIm2col } from './im2col-params';
import { kernelsRelaxedSimdBytes } from './kernels-relaxed-simd.wasm';
import { kernelsSimdBytes } from './kernels-simd.wasm';
import { planGemm } from './plan-gemm';
import type { GemmBlocking, GemmPlan } from './plan-gemm';
import { ThreadPool } from './thread-pool';
import { wasm } from './webassembly';
import type { WasmModule } from './webassembly';

/** Options of {@link createCpuCompute}. */
export interface CpuComputeOptions {
  /** Threads, the calling thread included; default `os.availableParallelism()`. */
  threads?: number;
  /** Initial heap size in bytes (default 16 MiB); the heap grows as needed. */
  initialBytes?: number;
  /**
   * Use the relaxed-SIMD kernels (fused multiply-add). Default: whenever the engine supports
   * them (Node 20 needs `--experimental-wasm-relaxed-simd`). `true` throws where unsupported;
   * `false` forces the plain-SIMD kernels.
   */
  relaxedSimd?: boolean;
  /** GEMM block sizes; the defaults suit 32-64 KiB L1 and 1-2 MiB L2 caches. */
  blocking?: Partial<GemmBlocking>;
}

/** The fast CPU compute core: a shared heap, WebAssembly SIMD kernels and a thread pool. */
export interface CpuCompute {
  /** Storage of all operands; offsets passed to the kernels are byte offsets in it. */
  readonly heap: CpuHeap;
  /** Threads used by a kernel, the calling thread included. */
  readonly threads: number;
  /** Whether the relaxed-SIMD (FMA) kernels are in use. */
  readonly relaxedSimd: boolean;
  /** `C = alpha * op(A) · op(B) + beta * C`, batched; returns when C is written. */
  gemm(params: GemmParams): void;
  /** Writes the column matrix of NCHW images (PyTorch `unfold` layout). */
  im2col(params: Im2colParams): void;
  /** Adds a column matrix back into NCHW images (overlaps sum; the images are not cleared). */
  col2im(params: Im2colParams): void;
  /** Stops the worker threads and releases the kernels' scratch memory. */
  dispose(): void;
}

const DEFAULT_BLOCKING: GemmBlocking = { mc: 128, kc: 256, nc: 1024 };
/** Column-matrix elements below which im2col/col2im run on one thread. */
const PARALLEL_MIN_COLUMN_ELEMENTS = 1 << 16;
const FUNCTION_NAMES = ['gemm', 'im2col', 'col2im'] as const;

const compiledModules = new Map<boolean, WasmModule>();

/** Compiles (once per process) the plain or the relaxed-SIMD kernel module. */
function kernelModule(relaxedSimd: boolean): WasmModule {
  let module = compiledModules.get(relaxedSimd);
  if (module === undefined) {
    const bytes = relaxedSimd ? kernelsRelaxedSimdBytes() : kernelsSimdBytes();
    module = new wasm.Module(bytes);
    compiledModules.set(relaxedSimd, module);
  }
  return module;
}

function resolveBlocking(blocking: Partial<GemmBlocking> | undefined): GemmBlocking {
  const resolved = { ...DEFAULT_BLOCKING, ...blocking };
  const { mc, kc, nc } = resolved;
  if (!Number.isInteger(mc) || mc < 4 || mc % 4 !== 0) {
    throw new RangeError(`createCpuCompute: blocking.mc must be a positive multiple of 4, got ${mc}`);
  }
  if (!Number.isInteger(kc) || kc < 1) {
    throw new RangeError(`createCpuCompute: blocking.kc must be a positive integer, got ${kc}`);
  }
  if (!Number.isInteger(nc) || nc < 8 || nc % 8 !== 0) {
    throw new RangeError(`createCpuCompute: blocking.nc must be a positive multiple of 8, got ${nc}`);
  }
  return resolved;
}

function gemmArguments(share: ResolvedGemm, plan: GemmPlan, scratch: number, counter: number): number[] {
  return [
    share.a,
    share.b,
    share.c,
    share.m,
    share.n,
    share.k,
    share.rsA,
    share.csA,
    share.rsB,
    share.csB,
    share.ldc,
    share.batch,
    share.strideA,
    share.strideB,
    share.strideC,
    share.alpha,
    share.beta,
    scratch,
    plan.mcBlock,
    plan.kcBlock,
    plan.ncBlock,
    counter,
  ];
}

/** Splits an im2col/col2im by images, or by channels when there are fewer images than threads. */
function im2colArguments(geometry: ResolvedIm2col, threads: number): number[][] {
  const { batch, channels, height, width, kernelH, kernelW, outH, outW } = geometry;
  const planeElements = height * width;
  const columnRowsPerChannel = kernelH * kernelW * outH * outW;
  const inputStride = channels * planeElements;
  const colStride = channels * columnRowsPerChannel;
  const share = (input: number, col: number, images: number, channelCount: number): number[] => [
    input,
    col,
    images,
    channelCount,
    height,
    width,
    kernelH,
    kernelW,
    geometry.padH,
    geometry.padW,
    geometry.strideH,
    geometry.strideW,
    geometry.dilationH,
    geometry.dilationW,
    outH,
    outW,
    inputStride,
    colStride,
  ];
  const total = batch * colStride;
  if (threads <= 1 || total < PARALLEL_MIN_COLUMN_ELEMENTS || (batch < threads && channels < threads)) {
    return [share(geometry.input, geometry.col, batch, channels)];
  }
  const shares: number[][] = [];
  if (batch >= threads) {
    const perShare = Math.ceil(batch / threads);
    for (let first = 0; first < batch; first += perShare) {
      shares.push(
        share(
          geometry.input + 4 * first * inputStride,
          geometry.col + 4 * first * colStride,
          Math.min(perShare, batch - first),
          channels,
        ),
      );
    }
  } else {
    const perShare = Math.ceil(channels / threads);
    for (let first = 0; first < channels; first += perShare) {
      shares.push(
        share(
          geometry.input + 4 * first * planeElements,
          geometry.col + 4 * first * columnRowsPerChannel,
          batch,
          Math.min(perShare, channels - first),
        ),
      );
    }
  }
  return shares;
}

class WasmCpuCompute implements CpuCompute {
  readonly heap: CpuHeap;
  readonly threads: number;
  readonly relaxedSimd: boolean;
  private readonly pool: ThreadPool;
  private readonly blocking: GemmBlocking;
  /** Per-thread scratch (offset, bytes), allocated on first use and grown as needed. */
  private readonly scratch: { offset: number; bytes: number }[] = [];
  /** The work-item counter the GEMM threads share (an i32 in the heap). */
  private readonly counter: number;
  private disposed = false;

  constructor(options: CpuComputeOptions) {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new RangeError(`createCpuCompute: threads must be an integer from 1 to 256, got ${threads}`);
    }
    const supported = detectRelaxedSimd();
    if (options.relaxedSimd === true && !supported) {
      throw new Error(
        'createCpuCompute: relaxedSimd: true, but this engine does not support relaxed SIMD ' +
          '(on Node 20 run node with --experimental-wasm-relaxed-simd)',
      );
    }
    this.relaxedSimd = options.relaxedSimd ?? supported;
    this.threads = threads;
    this.blocking = resolveBlocking(options.blocking);
    this.heap =
      options.initialBytes === undefined
        ? new CpuHeap()
        : new CpuHeap({ initialBytes: options.initialBytes });
    this.counter = this.heap.allocate(4);
    this.pool = new ThreadPool({
      threads,
      module: kernelModule(this.relaxedSimd),
      memory: this.heap.memory,
      functionNames: FUNCTION_NAMES,
    });
  }

  gemm(params: GemmParams): void {
    this.checkUsable('gemm');
    const gemm = resolveGemm(params, this.heap.capacity);
    if (gemm.m === 0 || gemm.n === 0 || gemm.batch === 0) return;
    const plan = planGemm(gemm, this.threads, this.blocking);
    const shares: number[][] = [];
    for (let thread = 0; thread < plan.threads; thread++) {
      shares.push(gemmArguments(gemm, plan, this.scratchFor(thread, plan.scratchBytes), this.counter));
    }
    Atomics.store(this.heap.int32(this.counter, 1), 0, 0);
    this.pool.run('gemm', shares, true);
  }

  im2col(params: Im2colParams): void {
    this.checkUsable('im2col');
    this.pool.run('im2col', im2colArguments(resolveIm2col('im2col', params, this.heap.capacity), this.threads));
  }

  col2im(params: Im2colParams): void {
    this.checkUsable('col2im');
    this.pool.run('col2im', im2colArguments(resolveIm2col('col2im', params, this.heap.capacity), this.threads));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pool.dispose();
    for (const { offset } of this.scratch) this.heap.free(offset);
    this.scratch.length = 0;
    this.heap.free(this.counter);
  }

  /** Byte offset of at least `bytes` of scratch private to `thread`. */
  private scratchFor(thread: number, bytes: number): number {
    const current = this.scratch[thread];
    if (current !== undefined && current.bytes >= bytes) return current.offset;
    if (current !== undefined) this.heap.free(current.offset);
    const block = { offset: this.heap.allocate(bytes), bytes };
    this.scratch[thread] = block;
    return block.offset;
  }

  private checkUsable(operation: string): void {
    if (this.disposed) throw new Error(`CpuCompute.${operation}: the compute has been disposed`);
  }
}

/**
 * Creates the fast CPU compute core: a {@link CpuHeap} (one shared WebAssembly memory holding
 * every operand), hand-written WebAssembly SIMD kernels (relaxed-SIMD FMA when the engine has
 * it) and a pool of `threads - 1` worker threads that share the memory. Kernels are
 * synchronous: they return when the result is in the heap.
 *
 * @example
 * ```ts
 * const compute = createCpuCompute({ threads: 2 });
 * const { heap } = compute;
 * const a = heap.allocate(4 * 64 * 32), b = heap.allocate(4 * 32 * 16), c = heap.allocate(4 * 64 * 16);
 * heap.float32(a, 64 * 32).fill(1);
 * heap.float32(b, 32 * 16).fill(2);
 * compute.gemm({ a, b, c, m: 64, n: 16, k: 32 }); // every element of C is 64
 * compute.dispose();
 * ```
 */
export function createCpuCompute(options: CpuComputeOptions = {}): CpuCompute {
  return new WasmCpuCompute(options);
}
