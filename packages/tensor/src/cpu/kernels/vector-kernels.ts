import type { CpuCompute } from '../compute/index';
import { type WasmModule, wasm } from '../compute/webassembly';
import { vectorKernelsBytes } from './vector-kernels.wasm';

/**
 * The SIMD kernels of `wat/vector.wat`, run on the calling thread over the backend's heap.
 * Pointers are byte offsets in the heap, counts are elements; a channel is `images` segments of
 * `spatial` floats, `planeStride` floats apart.
 */
export interface VectorKernels {
  /** Σ x over a channel (float64). */
  channelSum(x: number, images: number, spatial: number, planeStride: number): number;
  /** Σ (x - mean)² over a channel (float64). */
  channelSquaredDeviation(x: number, images: number, spatial: number, planeStride: number, mean: number): number;
  /** y = x · scale + shift over a channel. */
  channelAffine(x: number, y: number, images: number, spatial: number, planeStride: number, scale: number, shift: number): void;
  /** [Σ g, Σ g · (x - mean)] over a channel (float64). */
  channelGradientSums(g: number, x: number, images: number, spatial: number, planeStride: number, mean: number): [number, number];
  /** dx = k · g + offset - (x - mean) · slope over a channel. */
  channelGradientApply(
    g: number,
    x: number,
    dx: number,
    images: number,
    spatial: number,
    planeStride: number,
    k: number,
    offset: number,
    mean: number,
    slope: number,
  ): void;
  /** y = max(x, 0) (NaN stays NaN). */
  relu(x: number, y: number, n: number): void;
  /** dx = output > 0 ? g : 0. */
  reluBackward(g: number, output: number, dx: number, n: number): void;
  /** y = a + b, contiguous. */
  add(a: number, b: number, y: number, n: number): void;
  /** One SGD step with momentum (see `wat/vector.wat`); `hasBuffer` and `nesterov` are 0 or 1. */
  sgdMomentum(
    p: number,
    g: number,
    previous: number,
    outP: number,
    outBuffer: number,
    n: number,
    lr: number,
    momentum: number,
    keep: number,
    weightDecay: number,
    sign: number,
    hasBuffer: number,
    nesterov: number,
  ): void;
}

let compiled: WasmModule | undefined;
const instances = new WeakMap<object, VectorKernels>();

/** The vector kernels instantiated on a compute core's heap (one instance per heap, made on first use). */
export function vectorKernels(compute: CpuCompute): VectorKernels {
  const memory = compute.heap.memory;
  let kernels = instances.get(memory);
  if (!kernels) {
    compiled ??= new wasm.Module(vectorKernelsBytes());
    kernels = new wasm.Instance(compiled, { env: { memory } }).exports as unknown as VectorKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}
