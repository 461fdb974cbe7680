import type { DataSample, HostArray } from '@mmpt/structures';
import { isHostArray } from '@mmpt/structures';
import { type Backend, Tensor, stack, tensor } from '@mmpt/tensor';

/** A batch as the model's data preprocessor takes it. */
export interface Batch {
  /** One NCHW tensor when every image has one shape (default collate), else a list. */
  inputs: Tensor | Tensor[];
  data_samples: DataSample[];
}

/** A collate function: samples of the pipeline to a batch. */
export type CollateFunction = (samples: ReadonlyArray<Record<string, unknown>>, backend?: Backend) => Batch;

function toTensor(input: unknown, backend: Backend | undefined, index: number): Tensor {
  if (input instanceof Tensor) return input;
  if (isHostArray(input)) return stackHostArrays([input], backend, false);
  throw new TypeError(`collate: sample ${index} has no "inputs" image (got ${input === undefined ? 'nothing' : typeof input}); end the pipeline with PackInputs`);
}

/** Uploads host arrays of one shape as one float32 tensor, with a batch axis unless `batched` is false. */
function stackHostArrays(arrays: readonly HostArray[], backend: Backend | undefined, batched = true): Tensor {
  const first = arrays[0] as HostArray;
  const size = first.data.length;
  const flat = new Float32Array(size * arrays.length);
  arrays.forEach((array, index) => flat.set(array.data, index * size));
  const shape = batched ? [arrays.length, ...first.shape] : [...first.shape];
  return tensor(flat, { shape, ...(backend ? { backend } : {}) });
}

function samplesOf(samples: ReadonlyArray<Record<string, unknown>>): DataSample[] {
  return samples.map((sample) => sample.data_samples as DataSample);
}

/**
 * MMEngine's `pseudo_collate`: the images as a list (one tensor each) and the data samples as a
 * list; the data preprocessor stacks (and pads) them.
 */
export const pseudoCollate: CollateFunction = (samples, backend) => ({
  inputs: samples.map((sample, index) => toTensor(sample.inputs, backend, index)),
  data_samples: samplesOf(samples),
});

/**
 * MMEngine's `default_collate`: images of one shape become one batched tensor (host images are
 * stacked on the host and uploaded once); images of different shapes stay a list.
 */
export const defaultCollate: CollateFunction = (samples, backend) => {
  const inputs = samples.map((sample) => sample.inputs);
  const first = inputs[0];
  const sameShape = (shape: readonly number[]) => (item: unknown) => {
    const other = item instanceof Tensor ? item.shape : isHostArray(item) ? item.shape : undefined;
    return other !== undefined && other.length === shape.length && other.every((dimension, axis) => dimension === shape[axis]);
  };
  if (isHostArray(first) && inputs.every((item) => isHostArray(item)) && inputs.every(sameShape(first.shape))) {
    return { inputs: stackHostArrays(inputs as HostArray[], backend), data_samples: samplesOf(samples) };
  }
  if (first instanceof Tensor && inputs.every(sameShape(first.shape))) {
    const tensors = inputs as Tensor[];
    const batch = stack(tensors, 0);
    for (const item of tensors) item.dispose();
    return { inputs: batch, data_samples: samplesOf(samples) };
  }
  return pseudoCollate(samples, backend);
};

/** The collate functions by MMEngine's names. */
export const COLLATE_FUNCTIONS: Record<string, CollateFunction> = {
  default_collate: defaultCollate,
  pseudo_collate: pseudoCollate,
};
