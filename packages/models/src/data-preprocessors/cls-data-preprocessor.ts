import type { BuildContext } from '@mmpt/registry';
import type { DataSample } from '@mmpt/structures';
import { Module, type Tensor, cast, concat, div, flip, pad, stack, sub, tensor, tidy } from '@mmpt/tensor';
import { RandomBatchAugment, type RandomBatchAugmentOptions } from '../batch-augments/random-batch-augment';

/** A batch as a data loader yields it: images (a batched tensor or one CHW tensor each) and samples. */
export interface ClsBatch {
  inputs: Tensor | Tensor[];
  data_samples?: DataSample[];
}

/** A batch ready for the model: a normalised float32 NCHW tensor and its samples. */
export interface PreprocessedBatch {
  inputs: Tensor;
  data_samples: DataSample[];
}

/** The options of {@link ClsDataPreprocessor}, as MMPretrain's. */
export interface ClsDataPreprocessorOptions {
  /** Per-channel means subtracted from the pixel values (on the 0-255 scale). */
  mean?: number[] | null;
  /** Per-channel standard deviations the centred values are divided by. */
  std?: number[] | null;
  /** Pad each image's bottom and right so its size divides by this. */
  pad_size_divisor?: number;
  pad_value?: number;
  /** Flip the channel order (BGR to RGB) of 3-channel inputs. */
  to_rgb?: boolean;
  /** Give every sample a one-hot `gt_score` (for soft-target losses). */
  to_onehot?: boolean;
  num_classes?: number | null;
  /** Batch augments applied in training (Mixup, CutMix, ResizeMix); they turn `to_onehot` on. */
  batch_augments?: RandomBatchAugmentOptions | null;
}

/**
 * MMPretrain's `ClsDataPreprocessor`: stacks the images of a batch (padding them to a common size
 * divisible by `pad_size_divisor`), flips BGR to RGB with `to_rgb`, converts to float32 and
 * normalises with `mean` and `std`. With `to_onehot` (or batch augments) the samples get one-hot
 * `gt_score`s; in training, `batch_augments` mix the inputs and those scores.
 */
export class ClsDataPreprocessor extends Module<[ClsBatch, boolean?], PreprocessedBatch> {
  readonly mean: number[] | null;
  readonly std: number[] | null;
  readonly padSizeDivisor: number;
  readonly padValue: number;
  readonly toRgb: boolean;
  readonly toOnehot: boolean;
  readonly numClasses: number | null;
  readonly batchAugments: RandomBatchAugment | null;

  constructor(options: ClsDataPreprocessorOptions = {}, context?: BuildContext) {
    super();
    this.mean = options.mean ?? null;
    this.std = options.std ?? null;
    if ((this.mean === null) !== (this.std === null)) throw new Error('ClsDataPreprocessor: mean and std must be given together');
    if (this.mean && this.std && this.mean.length !== this.std.length) {
      throw new RangeError(`ClsDataPreprocessor: mean has ${this.mean.length} values but std has ${this.std.length}`);
    }
    this.padSizeDivisor = options.pad_size_divisor ?? 1;
    this.padValue = options.pad_value ?? 0;
    this.toRgb = options.to_rgb ?? false;
    this.batchAugments = options.batch_augments ? new RandomBatchAugment(options.batch_augments, context) : null;
    // As MMPretrain: batch augments need one-hot scores.
    this.toOnehot = (options.to_onehot ?? false) || this.batchAugments !== null;
    this.numClasses = options.num_classes ?? null;
  }

  forward(batch: ClsBatch, training = false): PreprocessedBatch {
    const samples = batch.data_samples ?? [];
    let inputs = tidy(() => {
      let images = Array.isArray(batch.inputs) ? this.stackImages(batch.inputs) : batch.inputs;
      if (images.rank !== 4) throw new RangeError(`ClsDataPreprocessor: expected NCHW inputs, got shape [${images.shape.join(', ')}]`);
      const channels = images.shape[1] as number;
      if (this.toRgb && channels === 3) images = flip(images, 1);
      let result = images.dtype === 'float32' ? images : cast(images, 'float32');
      if (this.mean && this.std) {
        if (this.mean.length !== channels && this.mean.length !== 1) {
          throw new RangeError(`ClsDataPreprocessor: ${this.mean.length} mean values for ${channels}-channel inputs`);
        }
        const shape = [1, this.mean.length, 1, 1];
        const meanTensor = tensor(this.mean, { shape, backend: result.backend });
        const stdTensor = tensor(this.std, { shape, backend: result.backend });
        result = div(sub(result, meanTensor), stdTensor);
      }
      if (result === batch.inputs) result = result.add(0);
      return result;
    });
    const scores = this.batchScores(samples);
    if (scores && training && this.batchAugments) {
      const [mixed, mixedScores] = this.batchAugments.apply(inputs, tensor(scores.data, { shape: [samples.length, scores.classes], backend: inputs.backend }));
      inputs.dispose();
      inputs = mixed;
      const values = mixedScores.dataSync() as Float32Array;
      mixedScores.dispose();
      samples.forEach((sample, index) => sample.setGtScore(values.slice(index * scores.classes, (index + 1) * scores.classes)));
    } else if (scores) {
      samples.forEach((sample, index) => {
        if (!sample.gtScore) sample.setGtScore(scores.data.slice(index * scores.classes, (index + 1) * scores.classes));
      });
    }
    return { inputs, data_samples: [...samples] };
  }

  /**
   * The `[N, classes]` scores of the samples: their `gtScore`s when all have one, else (with
   * `to_onehot`) one-hot vectors of their `gtLabel`s; null when there is nothing to score.
   */
  private batchScores(samples: readonly DataSample[]): { data: Float32Array; classes: number } | null {
    if (samples.length === 0) return null;
    if (samples.every((sample) => sample.gtScore)) {
      const classes = (samples[0] as DataSample).gtScore?.length ?? 0;
      const data = new Float32Array(samples.length * classes);
      samples.forEach((sample, index) => data.set(sample.gtScore as Float32Array, index * classes));
      return { data, classes };
    }
    if (!this.toOnehot || !samples.every((sample) => sample.gtLabel)) return null;
    const classes = this.numClasses ?? (samples[0]?.metainfo.num_classes as number | undefined);
    if (!classes) throw new Error('ClsDataPreprocessor: cannot make one-hot labels: set num_classes in data_preprocessor (or num_classes in the samples\' meta information)');
    const data = new Float32Array(samples.length * classes);
    samples.forEach((sample, index) => {
      for (const label of sample.gtLabel as Int32Array) {
        if (label < 0 || label >= classes) throw new RangeError(`ClsDataPreprocessor: sample ${index} has the label ${label}, outside 0..${classes - 1}`);
        data[index * classes + label] = 1;
      }
    });
    return { data, classes };
  }

  /** Stacks CHW images, padding them to the largest size rounded up to `pad_size_divisor`. */
  private stackImages(images: Tensor[]): Tensor {
    if (images.length === 0) throw new Error('ClsDataPreprocessor: the batch has no images');
    const ranked = images.map((image) => (image.rank === 2 ? image.unsqueeze(0) : image));
    const height = Math.max(...ranked.map((image) => image.shape[1] as number));
    const width = Math.max(...ranked.map((image) => image.shape[2] as number));
    const divisor = this.padSizeDivisor;
    const targetHeight = Math.ceil(height / divisor) * divisor;
    const targetWidth = Math.ceil(width / divisor) * divisor;
    const padded = ranked.map((image) => {
      const bottom = targetHeight - (image.shape[1] as number);
      const right = targetWidth - (image.shape[2] as number);
      return bottom === 0 && right === 0 ? image : pad(image, [0, right, 0, bottom], 'constant', this.padValue);
    });
    return padded.length === 1 ? concat([(padded[0] as Tensor).unsqueeze(0)], 0) : stack(padded, 0);
  }
}
