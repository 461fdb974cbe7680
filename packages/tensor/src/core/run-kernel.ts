import type { Backend, KernelTensor } from './backend';
import type { DType } from './dtype';
import type { KernelAttributes, KernelName } from './kernel-contracts';
import { type Shape, checkShape, sizeOf } from './shape';
import { Storage } from './storage';
import { Tensor } from './tensor-methods';

/** The shape and dtype of a kernel output, computed by the frontend op. */
export interface OutputSpec {
  shape: Shape;
  dtype: DType;
}

/** A tensor's view for kernels. */
export function kernelTensor(tensor: Tensor): KernelTensor {
  const storage = tensor.storage;
  return { buffer: storage.buffer, shape: tensor.shape, dtype: tensor.dtype, size: tensor.size };
}

/** Allocates an uninitialised tensor on a backend. */
export function allocateTensor(backend: Backend, shape: Shape, dtype: DType): Tensor {
  checkShape(shape);
  if (!backend.dtypes.includes(dtype)) {
    throw new Error(`The ${backend.name} backend does not support the dtype ${dtype} (it supports ${backend.dtypes.join(', ')})`);
  }
  const size = sizeOf(shape);
  return new Tensor(new Storage(backend, backend.allocate(dtype, size), dtype, size), shape);
}

/**
 * Runs a kernel of the backend contract on tensors: checks that the inputs are alive and on one
 * backend and that the backend has the kernel, allocates the outputs and runs it. A missing kernel
 * is an error naming the kernel and the backend; there is no fallback to another device.
 */
export function runKernel<K extends KernelName>(
  name: K,
  inputs: readonly Tensor[],
  outputs: readonly OutputSpec[],
  attributes: KernelAttributes[K],
  backend: Backend | undefined = inputs[0]?.backend,
): Tensor[] {
  if (!backend) throw new Error(`Kernel "${name}" needs a backend: it has no inputs and none was given`);
  for (const [index, input] of inputs.entries()) {
    input.assertAlive(name);
    if (input.backend !== backend) {
      throw new Error(
        `Kernel "${name}": input ${index} is on ${input.device} but the others are on ${backend.device}; move it with await t.to(backend)`,
      );
    }
  }
  if (!backend.hasKernel(name)) throw new Error(`Kernel "${name}" is not implemented by the ${backend.name} backend`);
  const results = outputs.map((spec) => allocateTensor(backend, spec.shape, spec.dtype));
  if (results.some((result) => result.size > 0)) {
    try {
      backend.run(name, inputs.map(kernelTensor), results.map(kernelTensor), attributes);
    } catch (error) {
      for (const result of results) result.dispose();
      throw error;
    }
  }
  return results;
}

/** Runs a kernel with one output and returns it. */
export function runKernel1<K extends KernelName>(
  name: K,
  inputs: readonly Tensor[],
  output: OutputSpec,
  attributes: KernelAttributes[K],
  backend?: Backend,
): Tensor {
  return runKernel(name, inputs, [output], attributes, backend)[0] as Tensor;
}
