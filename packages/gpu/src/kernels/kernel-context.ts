import type { DType } from '@mmpt/tensor';
import type { GpuStorage, GpuTensor } from '../runtime/gpu-storage';
import type { KernelProgram } from '../runtime/pipeline-cache';

/** What a GPU kernel launcher can do besides reading its tensors. */
export interface KernelContext {
  /** The kernel of the contract being run (for labels and messages). */
  readonly kernel: string;
  /**
   * Which kernels suit the adapter: `gpu` (workgroup-memory tiles, workgroup reductions) or
   * `software` (barrier-free kernels, which software adapters such as lavapipe compile fast).
   */
  readonly style: KernelStyle;
  /** The most workgroups a dispatch may have along one dimension. */
  readonly maxWorkgroupsPerDimension: number;
  /** The most storage buffers one kernel may bind. */
  readonly maxStorageBuffers: number;
  /** Records one dispatch: the program, its parameter words (u32 bit patterns), buffers in binding order, workgroups. */
  dispatch(program: KernelProgram, params: ArrayLike<number>, buffers: readonly GpuStorage[], workgroups: readonly [number, number, number]): void;
  /** A scratch buffer for this kernel; give it back with {@link KernelContext.release}. */
  temporary(dtype: DType, size: number): GpuStorage;
  /** Gives a scratch buffer back (it is reused only after the commands using it are submitted). */
  release(storage: GpuStorage): void;
  /** Records a copy of `bytes` bytes (offsets and size multiples of 4). */
  copy(source: GpuStorage, sourceOffset: number, target: GpuStorage, targetOffset: number, bytes: number): void;
  /**
   * A read-only table of u32 words kept on the GPU under `key` (built by `build` on first use):
   * interpolation taps and the like, uploaded once per configuration.
   */
  table(key: string, build: () => Uint32Array): GpuStorage;
  /** The buffer kernels report out-of-range indices in, and the tag identifying this launch. */
  status(): { storage: GpuStorage; tag: number };
}

/** See {@link KernelContext.style}. */
export type KernelStyle = 'gpu' | 'software';

/** A GPU kernel: records the dispatches that compute the outputs from the inputs. */
export type GpuKernel<A> = (context: KernelContext, inputs: readonly GpuTensor[], outputs: readonly GpuTensor[], attributes: A) => void;

/** Workgroups for `items` items at `perWorkgroup` per workgroup, folded into two dimensions past the limit. */
export function gridFor(items: number, perWorkgroup: number, maxPerDimension: number): [number, number, number] {
  const groups = Math.max(1, Math.ceil(items / perWorkgroup));
  if (groups <= maxPerDimension) return [groups, 1, 1];
  const x = maxPerDimension;
  const y = Math.ceil(groups / x);
  if (y > maxPerDimension) throw new RangeError(`A dispatch of ${items} items exceeds the device's workgroup limits`);
  return [x, y, 1];
}

/** The bit pattern of a float32 value, for parameter words. */
export function floatBits(value: number): number {
  scratch[0] = value;
  return scratchBits[0] as number;
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);
