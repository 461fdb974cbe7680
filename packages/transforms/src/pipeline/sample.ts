import type { DataSample, HostArray, LabelInput, MultiTaskDataSample, ScoreInput } from '@mmpt/structures';
import type { Tensor } from '@mmpt/tensor';
import type { Image } from '../image/image';

/**
 * The sample that flows through a pipeline: MMPretrain's `results` dict as a typed object, with
 * MMPretrain's keys (so `meta_keys`, `Collect` and `KeyMapper` configs keep working). A dataset
 * fills `img_path`, `gt_label`, `sample_idx`...; `LoadImageFromFile` adds `img`, `img_shape` and
 * `ori_shape`; transforms update them; `PackInputs` turns the sample into `inputs` and
 * `data_samples`. Other keys may be added freely.
 *
 * @example
 * const sample: Sample = { img_path: 'data/cat.jpg', gt_label: 3, sample_idx: 0 };
 */
export interface Sample {
  /** The image (or the views of `MultiView`, the crops of a two-picture transform). */
  img?: Image | Image[];
  /** The path of the image file. */
  img_path?: string;
  /** The numpy shape of the current image: `[h, w]` or `[h, w, c]` (as MMPretrain records it). */
  img_shape?: readonly number[];
  /** The shape of the image as loaded: `[h, w]`. */
  ori_shape?: readonly number[];
  /** The index of the sample in its dataset. */
  sample_idx?: number;
  /** The ground-truth label(s) (a dict of them, per task, for multi-task datasets). */
  gt_label?: LabelInput | Record<string, unknown>;
  /** The ground-truth score (soft or one-hot target). */
  gt_score?: ScoreInput;
  /** A mask for masked image modelling (`BEiTMaskGenerator`, `SimMIMMaskGenerator`). */
  mask?: HostArray;
  /** The target size `(w, h)` of the last resize. */
  scale?: readonly number[];
  /** `(w_scale, h_scale)` of the last resize. */
  scale_factor?: readonly number[];
  keep_ratio?: boolean;
  flip?: boolean;
  flip_direction?: string | null;
  pad_shape?: readonly number[];
  img_norm_cfg?: { mean: number[]; std: number[]; to_rgb: boolean };
  /** Set by `PackInputs`: the model input. */
  inputs?: Tensor | HostArray | Array<Tensor | HostArray>;
  /** Set by `PackInputs`: the annotations. */
  data_samples?: DataSample | MultiTaskDataSample;
  [key: string]: unknown;
}

/** A shallow copy of a sample (arrays of images are copied, images are shared). */
export function copySample(sample: Sample): Sample {
  const copy: Sample = { ...sample };
  if (Array.isArray(sample.img)) copy.img = [...sample.img];
  return copy;
}
