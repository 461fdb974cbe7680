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
 * MMPretrain's `ClsDataPreprocessor`: flips BGR to RGB with `to_rgb`, converts to float32 and
 * normalises with `mean` and `std`, then pads the batch at the bottom and right to a size
 * divisible by `pad_size_divisor` with `pad_value` (a value of the normalised images), stacking
 * images of different sizes to the largest. With `to_onehot` (or batch augments) the samples get one-hot
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
    // As MMPretrain: each image is flipped, cast and normalised first, then the batch is padded
    // to pad_size_divisor with pad_value (in normalised units), whether it came stacked or as a list.
    let inputs = tidy(() => {
      const normalised = Array.isArray(batch.inputs) ? this.stackImages(batch.inputs.map((image) => this.normalise(image.rank === 2 ? image.unsqueeze(0) : image, 3))) : this.padToDivisor(this.normalise(batch.inputs, 4));
      return normalised === batch.inputs ? normalised.add(0) : normalised;
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

  /** BGR to RGB (3 channels, with `to_rgb`), float32, then `(x - mean) / std`, of an NCHW batch (rank 4) or a CHW image (rank 3). */
  private normalise(images: Tensor, rank: 3 | 4): Tensor {
    if (images.rank !== rank) throw new RangeError(`ClsDataPreprocessor: expected ${rank === 4 ? 'NCHW inputs' : 'CHW images'}, got shape [${images.shape.join(', ')}]`);
    const channelAxis = rank - 3;
    const channels = images.shape[channelAxis] as number;
    let result = this.toRgb && channels === 3 ? flip(images, channelAxis) : images;
    if (result.dtype !== 'float32') result = cast(result, 'float32');
    if (!this.mean || !this.std) return result;
    if (this.mean.length !== channels && this.mean.length !== 1) {
      throw new RangeError(`ClsDataPreprocessor: ${this.mean.length} mean values for ${channels}-channel inputs`);
    }
    const shape = rank === 4 ? [1, this.mean.length, 1, 1] : [this.mean.length, 1, 1];
    const meanTensor = tensor(this.mean, { shape, backend: result.backend });
    const stdTensor = tensor(this.std, { shape, backend: result.backend });
    return div(sub(result, meanTensor), stdTensor);
  }

  /** Pads an NCHW batch at the bottom and right to multiples of `pad_size_divisor` with `pad_value`. */
  private padToDivisor(images: Tensor): Tensor {
    const divisor = this.padSizeDivisor;
    if (divisor <= 1) return images;
    const [height, width] = images.shape.slice(2) as [number, number];
    const bottom = Math.ceil(height / divisor) * divisor - height;
    const right = Math.ceil(width / divisor) * divisor - width;
    return bottom === 0 && right === 0 ? images : pad(images, [0, right, 0, bottom], 'constant', this.padValue);
  }

  /** Stacks CHW images, padding them with `pad_value` to the largest size rounded up to `pad_size_divisor`. */
  private stackImages(ranked: Tensor[]): Tensor {
    if (ranked.length === 0) throw new Error('ClsDataPreprocessor: the batch has no images');
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
