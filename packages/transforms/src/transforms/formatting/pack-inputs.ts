import { DataSample, type HostArray, type LabelInput, type ScoreInput, isHostArray } from '@mmpt/structures';
import { type Backend, Tensor, tensor } from '@mmpt/tensor';
import { type Image, isImage } from '../../image/image';
import type { Sample } from '../../pipeline/sample';
import type { Transform } from '../../pipeline/transform';

/** The options of {@link PackInputs} (MMPretrain's names, plus the backend). */
export interface PackInputsOptions {
  /** The key of the model input. Defaults to `'img'`. */
  input_key?: string;
  /** Extra keys copied into the data sample's fields. Defaults to none. */
  algorithm_keys?: readonly string[];
  /** Keys copied into the data sample's meta information. */
  meta_keys?: readonly string[];
  /**
   * The backend of the input tensors. Without one, inputs stay on the host as float32 CHW
   * `{ data, shape }` arrays (what PyTorch calls CPU tensors): the data loader's collate stacks
   * them and uploads each batch once, and worker threads, which have no backend, can run the
   * pipeline.
   */
  backend?: Backend;
}

/** The meta keys PackInputs keeps by default. */
export const DEFAULT_META_KEYS: readonly string[] = ['sample_idx', 'img_path', 'ori_shape', 'img_shape', 'scale_factor', 'flip', 'flip_direction'];

/**
 * The values of an image in CHW order as float32, with their shape: HWC images are transposed,
 * one-channel images become `1 x H x W`, CHW images are kept.
 *
 * @example
 * const { data, shape } = imageToChw(image); // shape [3, 224, 224]
 */
export function imageToChw(image: Image): { data: Float32Array; shape: [number, number, number] } {
  const { height, width, channels } = image;
  const shape: [number, number, number] = [channels, height, width];
  if (image.layout === 'chw' || channels === 1) return { data: Float32Array.from(image.data), shape };
  const plane = height * width;
  const data = new Float32Array(plane * channels);
  const source = image.data;
  for (let c = 0; c < channels; c++) {
    const offset = c * plane;
    for (let i = 0, at = c; i < plane; i++, at += channels) data[offset + i] = source[at] as number;
  }
  return { data, shape };
}

/**
 * Packs a sample for the model (MMPretrain's `PackInputs`): the image becomes float32 CHW values
 * (`inputs`; a list stays a list) — a host array `{ data, shape }` by default, or a tensor on
 * `backend` when one is given — and `gt_label`, `gt_score`, `mask`, the `algorithm_keys` and the
 * `meta_keys` go into a `DataSample` (`data_samples`). The result holds only those two keys. The
 * caller owns (and disposes) input tensors.
 *
 * @example
 * new PackInputs().transform(sample).inputs; // { data: Float32Array, shape: [3, 224, 224] }
 * new PackInputs({ backend }).transform(sample).inputs; // Tensor [3, 224, 224]
 */
export class PackInputs implements Transform {
  readonly inputKey: string;
  readonly algorithmKeys: readonly string[];
  readonly metaKeys: readonly string[];
  readonly backend: Backend | undefined;

  static readonly optionNames = ['input_key', 'algorithm_keys', 'meta_keys'];

  constructor(options: PackInputsOptions = {}) {
    this.inputKey = options.input_key ?? 'img';
    this.algorithmKeys = [...(options.algorithm_keys ?? [])];
    this.metaKeys = [...(options.meta_keys ?? DEFAULT_META_KEYS)];
    this.backend = options.backend;
  }

  /** Converts an input (an image, a list of them, a host array or a tensor) to CHW host arrays, or tensors with a backend. */
  formatInput(input: unknown): Tensor | HostArray | Array<Tensor | HostArray> {
    if (Array.isArray(input)) return input.map((item) => this.formatInput(item) as Tensor | HostArray);
    if (input instanceof Tensor) return input;
    if (isImage(input)) {
      const { data, shape } = imageToChw(input);
      return this.backend ? tensor(data, { shape, backend: this.backend }) : { data, shape };
    }
    if (isHostArray(input)) {
      const data = Float32Array.from(input.data);
      return this.backend ? tensor(data, { shape: input.shape, backend: this.backend }) : { data, shape: [...input.shape] };
    }
    throw new TypeError(`PackInputs: unsupported input type ${input === null ? 'null' : typeof input} under "${this.inputKey}"`);
  }

  /** The data sample of a sample (labels, mask, algorithm and meta keys). */
  packDataSample(results: Sample): DataSample {
    const dataSample = new DataSample();
    if (results.gt_label !== undefined) dataSample.setGtLabel(results.gt_label as LabelInput);
    if (results.gt_score !== undefined) dataSample.setGtScore(results.gt_score as ScoreInput);
    if (results.mask !== undefined) dataSample.setMask(results.mask as HostArray);
    for (const key of this.algorithmKeys) if (key in results) dataSample.setField(results[key], key);
    for (const key of this.metaKeys) if (key in results) dataSample.setField(results[key], key, 'metainfo');
    return dataSample;
  }

  transform(results: Sample): Sample {
    const packed: Sample = {};
    if (this.inputKey in results) packed.inputs = this.formatInput(results[this.inputKey]);
    packed.data_samples = this.packDataSample(results);
    return packed;
  }
}
