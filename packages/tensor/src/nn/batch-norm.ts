import { noGrad } from '../core/engine';
import { formatShape } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { add } from '../ops/arithmetic';
import { full } from '../ops/creation';
import { batchNorm } from '../ops/nn/batch-norm';
import { type LayerOptions, filledTensor } from './layer-options';
import { Module } from './module';
import type { Parameter } from './parameter';
import { pythonBool, pythonFloat } from './python-repr';

/** The options of {@link BatchNorm1d} and {@link BatchNorm2d}, as PyTorch's keyword arguments. */
export interface BatchNormLayerOptions extends Omit<LayerOptions, 'generator'> {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Weight of each batch in the running statistics (default 0.1); `null` for a cumulative average. */
  momentum?: number | null;
  /** Whether the layer has a learnable `weight` (ones) and `bias` (zeros) (default true). */
  affine?: boolean;
  /** Whether the layer keeps running statistics for evaluation (default true). */
  trackRunningStats?: boolean;
}

/**
 * Batch normalisation, the shared part of {@link BatchNorm1d} and {@link BatchNorm2d}, as
 * PyTorch's `_BatchNorm`: parameters `weight` (ones) and `bias` (zeros), buffers `running_mean`
 * (zeros), `running_var` (ones) and `num_batches_tracked` (an int32 scalar counting the training
 * batches). Training normalises with the batch statistics and updates the running ones; evaluation
 * uses the running statistics (or the batch's when the layer does not track them).
 */
export abstract class BatchNorm extends Module {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly numBatchesTracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  /** The count last written to `num_batches_tracked`, valid while that storage is current. */
  #countCache: { storage: unknown; count: number } | undefined;

  constructor(
    readonly numFeatures: number,
    options: BatchNormLayerOptions = {},
  ) {
    super();
    const kind = this.constructor.name;
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${kind}: numFeatures must be a positive integer, got ${numFeatures}`);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    if (!(this.eps > 0)) throw new RangeError(`${kind}: eps must be positive, got ${this.eps}`);
    if (this.momentum !== null && !(this.momentum >= 0 && this.momentum <= 1)) throw new RangeError(`${kind}: momentum must be in [0, 1] or null, got ${this.momentum}`);
    this.weight = this.registerParameter('weight', this.affine ? filledTensor([numFeatures], 1, options) : null);
    this.bias = this.registerParameter('bias', this.affine ? filledTensor([numFeatures], 0, options) : null);
    const track = this.trackRunningStats;
    this.runningMean = this.registerBuffer('running_mean', track ? filledTensor([numFeatures], 0, options) : null);
    this.runningVar = this.registerBuffer('running_var', track ? filledTensor([numFeatures], 1, options) : null);
    const counter = track ? full([], 0, { dtype: 'int32', ...(options.backend ? { backend: options.backend } : {}) }) : null;
    this.numBatchesTracked = this.registerBuffer('num_batches_tracked', counter);
    if (counter) this.#countCache = { storage: counter.storage, count: 0 };
  }

  /** The input ranks this layer accepts (with the channel axis at 1). */
  protected abstract readonly inputRanks: readonly number[];

  forward(x: Tensor): Tensor {
    if (!this.inputRanks.includes(x.rank)) {
      throw new RangeError(`${this.constructor.name}: expected a ${this.inputRanks.map((rank) => `${rank}-D`).join(' or ')} input, got shape ${formatShape(x.shape)}`);
    }
    if (x.shape[1] !== this.numFeatures) {
      throw new RangeError(`${this.constructor.name}: expected ${this.numFeatures} channels on axis 1, got input of shape ${formatShape(x.shape)}`);
    }
    let momentum = this.momentum ?? 0;
    if (this.training && this.numBatchesTracked) {
      const count = this.#incrementCount(this.numBatchesTracked);
      if (this.momentum === null) momentum = 1 / count;
    }
    const useBatchStatistics = this.training || (!this.runningMean && !this.runningVar);
    return batchNorm(x, this.runningMean, this.runningVar, this.weight, this.bias, {
      training: useBatchStatistics,
      momentum,
      eps: this.eps,
    });
  }

  /** Adds one to `num_batches_tracked` in place and returns the new count (NaN unless momentum is null). */
  #incrementCount(counter: Tensor): number {
    const cached = this.#countCache;
    const known = cached && cached.storage === counter.storage ? cached.count : undefined;
    noGrad(() => {
      const next = add(counter, 1);
      counter.replaceStorage(next.storage);
      next.dispose();
    });
    if (this.momentum !== null) return Number.NaN;
    // Only the cumulative average needs the count on the host: it is kept here, and read back
    // only when the buffer was replaced from outside (a loaded state dict, a move).
    let count = known === undefined ? undefined : known + 1;
    if (count === undefined) {
      if (!counter.backend.readSync) {
        throw new Error(`${this.constructor.name}: momentum null needs num_batches_tracked on the host; after loading or moving the layer on the ${counter.backend.name} backend, use a numeric momentum`);
      }
      count = counter.item();
    }
    this.#countCache = { storage: counter.storage, count };
    return count;
  }

  override extraRepr(): string {
    const momentum = this.momentum === null ? 'None' : pythonFloat(this.momentum);
    return `${this.numFeatures}, eps=${pythonFloat(this.eps)}, momentum=${momentum}, affine=${pythonBool(this.affine)}, track_running_stats=${pythonBool(this.trackRunningStats)}`;
  }
}

/**
 * Batch normalisation of `[N, C]` or `[N, C, L]` input, as `torch.nn.BatchNorm1d`.
 *
 * @example
 * const bn = new BatchNorm1d(128);
 */
export class BatchNorm1d extends BatchNorm {
  protected readonly inputRanks = [2, 3];
}

/**
 * Batch normalisation of `[N, C, H, W]` input, as `torch.nn.BatchNorm2d`.
 *
 * @example
 * const bn = new BatchNorm2d(64, { momentum: 0.1, eps: 1e-5 });
 */
export class BatchNorm2d extends BatchNorm {
  protected readonly inputRanks = [4];
}
