import type { DataSample, HostArray } from '@mmpt/structures';
import { isHostArray } from '@mmpt/structures';
import { type Backend, Tensor, stack, tensor } from '@mmpt/tensor';

/** A batch as the model's data preprocessor takes it. */
export interface Batch {
  /**
   * One NCHW tensor when every image has one shape (default collate), else a list of CHW tensors.
   * When each sample holds several views (MMPretrain's `MultiView`), one entry per view, view
   * first: an NCHW tensor per view (default collate) or a list of CHW tensors per view (pseudo
   * collate).
   */
  inputs: Tensor | Tensor[] | Tensor[][];
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
 * The views of multi-view samples, view first (`views[v][i]` is view v of sample i), or null
 * when the samples hold single images. Every sample must hold the same number of views.
 */
function viewsOf(inputs: readonly unknown[]): unknown[][] | null {
  const first = inputs[0];
  if (!Array.isArray(first)) return null;
  return first.map((_, view) =>
    inputs.map((input, index) => {
      if (!Array.isArray(input) || input.length !== first.length) {
        const got = Array.isArray(input) ? `${input.length} views` : 'a single image';
        throw new RangeError(`collate: sample 0 has ${first.length} views but sample ${index} has ${got}; every sample of a batch must have the same number of views`);
      }
      return input[view];
    }),
  );
}

/**
 * MMEngine's `pseudo_collate`: the images as a list (one tensor each) and the data samples as a
 * list; the data preprocessor stacks (and pads) them. Multi-view samples give one list per view.
 */
export const pseudoCollate: CollateFunction = (samples, backend) => {
  const inputs = samples.map((sample) => sample.inputs);
  const views = viewsOf(inputs);
  const listOf = (images: readonly unknown[]) => images.map((image, index) => toTensor(image, backend, index));
  return { inputs: views ? views.map(listOf) : listOf(inputs), data_samples: samplesOf(samples) };
};

function sameShape(shape: readonly number[]): (item: unknown) => boolean {
  return (item) => {
    const other = item instanceof Tensor ? item.shape : isHostArray(item) ? item.shape : undefined;
    return other !== undefined && other.length === shape.length && other.every((dimension, axis) => dimension === shape[axis]);
  };
}

/** One batched tensor of images of one shape, or null when the shapes (or kinds) differ. */
function stackImages(images: readonly unknown[], backend: Backend | undefined): Tensor | null {
  const first = images[0];
  if (isHostArray(first) && images.every((item) => isHostArray(item)) && images.every(sameShape(first.shape))) {
    return stackHostArrays(images as HostArray[], backend);
  }
  if (first instanceof Tensor && images.every(sameShape(first.shape))) {
    const tensors = images as Tensor[];
    const batch = stack(tensors, 0);
    for (const item of tensors) item.dispose();
    return batch;
  }
  return null;
}

/**
 * MMEngine's `default_collate`: images of one shape become one batched tensor (host images are
 * stacked on the host and uploaded once); images of different shapes stay a list. Samples of
 * several views (MMPretrain's `MultiView`) give one batched tensor per view, as MMEngine's
 * `default_collate` does for sequences; views of different shapes within one view index cannot be
 * batched and are refused with a pointer to `pseudo_collate`.
 */
export const defaultCollate: CollateFunction = (samples, backend) => {
  const inputs = samples.map((sample) => sample.inputs);
  const views = viewsOf(inputs);
  if (views) {
    const batched: Tensor[] = [];
    views.forEach((images, view) => {
      const batch = stackImages(images, backend);
      if (batch === null) {
        for (const done of batched) done.dispose();
        throw new RangeError(`collate: view ${view} of the samples has images of different shapes, which default_collate cannot batch; give each view one shape (a crop or resize) or use collate_fn: { type: 'pseudo_collate' }`);
      }
      batched.push(batch);
    });
    return { inputs: batched, data_samples: samplesOf(samples) };
  }
  const batch = stackImages(inputs, backend);
  return batch ? { inputs: batch, data_samples: samplesOf(samples) } : pseudoCollate(samples, backend);
};

/** The collate functions by MMEngine's names. */
export const COLLATE_FUNCTIONS: Record<string, CollateFunction> = {
  default_collate: defaultCollate,
  pseudo_collate: pseudoCollate,
};
