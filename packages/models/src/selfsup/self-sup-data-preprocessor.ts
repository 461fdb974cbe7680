import type { DataSample } from '@mmpt/structures';
import { Module, type Tensor, cast, clone, div, flip, stack, sub, tensor, tidy } from '@mmpt/tensor';

/** The inputs of a self-supervised algorithm: one NCHW batch, or one NCHW batch per view. */
export type SelfSupInputs = Tensor | Tensor[];

/**
 * A batch as a data loader yields it: one NCHW tensor; a list of NCHW tensors (one per view, as
 * MMEngine's `default_collate` gathers MultiView samples); a list of CHW tensors (one per image);
 * or a list of per-sample lists of CHW views.
 */
export interface SelfSupBatch {
  inputs: Tensor | Tensor[] | Tensor[][];
  data_samples?: DataSample[];
}

/** A batch ready for the algorithm: float32 NCHW tensor(s), normalised, and the samples. */
export interface SelfSupPreprocessedBatch {
  inputs: SelfSupInputs;
  data_samples: DataSample[];
}

/** The options of {@link SelfSupDataPreprocessor}, as MMPretrain's. */
export interface SelfSupDataPreprocessorOptions {
  /** Per-channel means (one value for grayscale), on the 0-255 scale; no normalisation when absent. */
  mean?: number[] | null;
  std?: number[] | null;
  /** Accepted for MMPretrain compatibility; the views of a batch are stacked without padding. */
  pad_size_divisor?: number;
  pad_value?: number;
  /** Reverse the channel order (BGR to RGB) of 3-channel inputs. */
  to_rgb?: boolean;
  bgr_to_rgb?: boolean;
  rgb_to_bgr?: boolean;
  /** Accepted for MMPretrain compatibility (device transfers are explicit here). */
  non_blocking?: boolean;
}

/**
 * MMPretrain's `SelfSupDataPreprocessor`: like the image preprocessor, but `inputs` may be a list
 * of views (SimCLR, MoCo, BYOL...), each normalised the same way: channels flipped with `to_rgb`
 * (3-channel inputs), converted to float32, then `(x - mean) / std`. A single batch stays a single
 * tensor (MAE, SimMIM). Returns new tensors; the caller disposes the batch's.
 *
 * @example
 * const preprocessor = new SelfSupDataPreprocessor({ mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], to_rgb: true });
 * const { inputs } = preprocessor.forward({ inputs: [view1, view2], data_samples });
 */
export class SelfSupDataPreprocessor extends Module<[SelfSupBatch, boolean?], SelfSupPreprocessedBatch> {
  readonly mean: number[] | null;
  readonly std: number[] | null;
  readonly padSizeDivisor: number;
  readonly padValue: number;
  /** Whether the channel order is reversed (`to_rgb`, `bgr_to_rgb` or `rgb_to_bgr`). */
  readonly channelConversion: boolean;

  constructor(options: SelfSupDataPreprocessorOptions = {}) {
    super();
    this.mean = options.mean ?? null;
    this.std = options.std ?? null;
    if ((this.mean === null) !== (this.std === null)) throw new Error('SelfSupDataPreprocessor: mean and std must be given together');
    if (this.mean && this.std && this.mean.length !== this.std.length) {
      throw new RangeError(`SelfSupDataPreprocessor: mean has ${this.mean.length} values but std has ${this.std.length}`);
    }
    if (options.bgr_to_rgb && options.rgb_to_bgr) throw new Error('SelfSupDataPreprocessor: bgr_to_rgb and rgb_to_bgr cannot both be true');
    this.padSizeDivisor = options.pad_size_divisor ?? 1;
    this.padValue = options.pad_value ?? 0;
    this.channelConversion = Boolean(options.to_rgb || options.bgr_to_rgb || options.rgb_to_bgr);
  }

  forward(batch: SelfSupBatch, _training = false): SelfSupPreprocessedBatch {
    const samples = [...(batch.data_samples ?? [])];
    const views = viewsOf(batch.inputs);
    const normalised = views.batches.map((view) => tidy(() => this.normalise(view === null ? stack(views.stacks.shift() as Tensor[], 0) : view)));
    return { inputs: views.single ? (normalised[0] as Tensor) : normalised, data_samples: samples };
  }

  /** Flips, casts and normalises one NCHW batch into a new tensor. */
  private normalise(images: Tensor): Tensor {
    if (images.rank !== 4) throw new RangeError(`SelfSupDataPreprocessor: expected NCHW inputs, got shape [${images.shape.join(', ')}]`);
    const channels = images.shape[1] as number;
    let result = this.channelConversion && channels === 3 ? flip(images, 1) : images;
    if (result.dtype !== 'float32') result = cast(result, 'float32');
    if (this.mean && this.std) {
      if (this.mean.length !== channels && this.mean.length !== 1) {
        throw new RangeError(`SelfSupDataPreprocessor: ${this.mean.length} mean values for ${channels}-channel inputs`);
      }
      const shape = [1, this.mean.length, 1, 1];
      result = div(sub(result, tensor(this.mean, { shape, backend: result.backend })), tensor(this.std, { shape, backend: result.backend }));
    }
    return result === images ? clone(images) : result;
  }
}

/**
 * The views of a batch: `single` when the batch is one NCHW tensor or a list of CHW images; each
 * entry of `batches` is an NCHW tensor, or null where `stacks` holds CHW tensors to stack.
 */
function viewsOf(inputs: SelfSupBatch['inputs']): { single: boolean; batches: Array<Tensor | null>; stacks: Tensor[][] } {
  if (!Array.isArray(inputs)) return { single: true, batches: [inputs], stacks: [] };
  if (inputs.length === 0) throw new Error('SelfSupDataPreprocessor: the batch has no inputs');
  const first = inputs[0];
  if (Array.isArray(first)) {
    const perSample = inputs as Tensor[][];
    const viewCount = first.length;
    for (const [index, sample] of perSample.entries()) {
      if (!Array.isArray(sample) || sample.length !== viewCount) {
        throw new RangeError(`SelfSupDataPreprocessor: sample ${index} has ${Array.isArray(sample) ? sample.length : 'no list of'} views, sample 0 has ${viewCount}`);
      }
    }
    const stacks = Array.from({ length: viewCount }, (_, view) => perSample.map((sample) => sample[view] as Tensor));
    return { single: false, batches: stacks.map(() => null), stacks };
  }
  const tensors = inputs as Tensor[];
  if (tensors.every((item) => item.rank === 4)) return { single: false, batches: tensors, stacks: [] };
  if (tensors.every((item) => item.rank === 3)) return { single: true, batches: [null], stacks: [tensors] };
  throw new RangeError(`SelfSupDataPreprocessor: a list of inputs must hold NCHW views or CHW images, got shapes ${tensors.map((item) => `[${item.shape.join(', ')}]`).join(' ')}`);
}
