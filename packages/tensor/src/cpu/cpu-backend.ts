import type { Backend, BackendMemory, KernelTensor } from '../core/backend';
import { type DType, type TypedArray, bytesPerElement } from '../core/dtype';
import { BINARY_KERNELS, COMPARISON_KERNELS, LOGICAL_KERNELS, REDUCE_KERNELS, UNARY_KERNELS, type KernelAttributes, type KernelName } from '../core/kernel-contracts';
import { type CpuCompute, createCpuCompute } from './compute/index';
import type { CpuKernel, CpuTensor } from './cpu-tensor';
import { binaryKernel, castKernel, clampKernel, fillKernel, isNanKernel, logicalNotKernel, unaryKernel, whereKernel } from './kernels/elementwise';
import { batchNormBackwardKernel, batchNormInferenceKernel, batchNormTrainKernel } from './kernels/batch-norm';
import { matmulKernel } from './kernels/matmul';
import {
  concatKernel,
  gatherKernel,
  padBackwardKernel,
  padKernel,
  scatterAddKernel,
  stridedCopyKernel,
  stridedScatterAddKernel,
  topkKernel,
} from './kernels/movement';
import { NETWORK_KERNELS } from './kernels/network';
import { adamUpdateKernel, sgdUpdateKernel } from './kernels/optimizer-updates';
import { cumsumKernel, reduceKernel } from './kernels/reduce';
import { reluBackwardKernel } from './kernels/relu-backward';

/** A CPU buffer: a block of the shared WebAssembly heap. */
interface CpuBuffer {
  readonly offset: number;
  readonly byteLength: number;
}

/** The options of {@link createCpuBackend}. */
export interface CpuBackendOptions {
  /** Threads for the heavy kernels (the calling thread included); all cores by default. */
  threads?: number;
}

type KernelTable = { [K in KernelName]?: CpuKernel<KernelAttributes[K]> };

function kernelTable(): KernelTable {
  const table: Record<string, CpuKernel<never>> = {};
  for (const name of UNARY_KERNELS) table[name] = unaryKernel(name);
  for (const name of [...BINARY_KERNELS, ...COMPARISON_KERNELS, ...LOGICAL_KERNELS]) table[name] = binaryKernel(name);
  for (const name of REDUCE_KERNELS) table[name] = reduceKernel(name);
  Object.assign(table, {
    clamp: clampKernel,
    logicalNot: logicalNotKernel,
    isNan: isNanKernel,
    cast: castKernel,
    where: whereKernel,
    fill: fillKernel,
    cumsum: cumsumKernel,
    stridedCopy: stridedCopyKernel,
    stridedScatterAdd: stridedScatterAddKernel,
    pad: padKernel,
    padBackward: padBackwardKernel,
    concat: concatKernel,
    gather: gatherKernel,
    scatterAdd: scatterAddKernel,
    topk: topkKernel,
    matmul: matmulKernel,
    ...NETWORK_KERNELS,
    batchNormTrain: batchNormTrainKernel,
    batchNormInference: batchNormInferenceKernel,
    batchNormBackward: batchNormBackwardKernel,
    reluBackward: reluBackwardKernel,
    sgdUpdate: sgdUpdateKernel,
    adamUpdate: adamUpdateKernel,
  });
  return table as KernelTable;
}

/**
 * The CPU backend: tensors live in one shared WebAssembly memory; elementwise and movement
 * kernels are TypeScript loops, and the heavy kernels (matmul, convolutions) run WebAssembly SIMD
 * on worker threads. Readback is synchronous. Call `dispose()` to stop its threads.
 *
 * @example
 * const cpu = createCpuBackend();
 * setDefaultBackend(cpu);
 */
export function createCpuBackend(options: CpuBackendOptions = {}): CpuBackend {
  return new CpuBackend(createCpuCompute(options.threads === undefined ? {} : { threads: options.threads }));
}

/** See {@link createCpuBackend}. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly device = 'cpu';
  readonly dtypes: readonly DType[] = ['float32', 'int32', 'bool'];
  readonly #kernels = kernelTable();
  #bytes = 0;
  #buffers = 0;

  constructor(readonly compute: CpuCompute) {}

  /** Threads used by the heavy kernels. */
  get threads(): number {
    return this.compute.threads;
  }

  allocate(dtype: DType, size: number): CpuBuffer {
    const byteLength = size * bytesPerElement(dtype);
    const offset = this.compute.heap.allocate(byteLength);
    this.#bytes += byteLength;
    this.#buffers++;
    return { offset, byteLength };
  }

  free(buffer: unknown): void {
    const block = buffer as CpuBuffer;
    this.compute.heap.free(block.offset);
    this.#bytes -= block.byteLength;
    this.#buffers--;
  }

  write(buffer: unknown, dtype: DType, data: TypedArray): void {
    this.view(buffer as CpuBuffer, dtype).set(data);
  }

  async read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    return this.readSync(buffer, dtype, size);
  }

  readSync(buffer: unknown, dtype: DType, size: number): TypedArray {
    const view = this.view(buffer as CpuBuffer, dtype);
    return view.slice(0, size);
  }

  hasKernel(name: KernelName): boolean {
    return this.#kernels[name] !== undefined;
  }

  run<K extends KernelName>(name: K, inputs: readonly KernelTensor[], outputs: readonly KernelTensor[], attributes: KernelAttributes[K]): void {
    const kernel = this.#kernels[name] as CpuKernel<KernelAttributes[K]> | undefined;
    if (!kernel) throw new Error(`Kernel "${name}" is not implemented by the cpu backend`);
    kernel(inputs.map((input) => this.cpuTensor(input)), outputs.map((output) => this.cpuTensor(output)), attributes, { compute: this.compute });
  }

  memory(): BackendMemory {
    return { bytes: this.#bytes, buffers: this.#buffers };
  }

  dispose(): void {
    this.compute.dispose();
  }

  private cpuTensor(tensor: KernelTensor): CpuTensor {
    const block = tensor.buffer as CpuBuffer;
    return { data: this.view(block, tensor.dtype, tensor.size), offset: block.offset, shape: tensor.shape, dtype: tensor.dtype, size: tensor.size };
  }

  private view(block: CpuBuffer, dtype: DType, size = block.byteLength / bytesPerElement(dtype)): TypedArray {
    const heap = this.compute.heap;
    if (dtype === 'int32') return heap.int32(block.offset, size);
    if (dtype === 'bool') return heap.uint8(block.offset, size);
    return heap.float32(block.offset, size);
  }
}
